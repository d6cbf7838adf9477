package customs.risk.engine.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import customs.risk.engine.price.DenseAutoencoder;
import customs.risk.engine.trade.Shipment;
import customs.risk.engine.trade.TradeData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models kept under the data dir by version, and scores that say which model gave them. */
class ModelStoreTest {

    private static final DenseAutoencoder.Settings SMALL = new DenseAutoencoder.Settings(8, 2, 2, 128, 3e-3, 5_000, 1);

    @Test
    void eachTrainingAddsAVersionAndTheNewestCompleteOneIsCurrent(@TempDir Path dir) throws Exception {
        var store = new ModelStore(dir.resolve("models"));
        assertThat(store.latest()).isEmpty();
        assertThat(store.nextVersion()).isEqualTo("v0001");
        var scorer = new RiskScorer(RiskSettings.DEFAULTS, SMALL);
        var data = trade();

        var first = scorer.train(data, store.nextVersion());
        store.save(first.model());
        var second = scorer.train(data, store.nextVersion());
        store.save(second.model());
        // A folder left half-written by a crash has no manifest and is not a version.
        Files.createDirectories(dir.resolve("models/v0003"));

        assertThat(store.versions()).containsExactly("v0001", "v0002");
        assertThat(store.nextVersion()).isEqualTo("v0003");
        var current = store.latest().orElseThrow();
        assertThat(current.version()).isEqualTo("v0002");
        assertThat(current.facts())
                .containsKeys("declarations", "declarationAutoencoder", "declarationModel", "companyModel");
        assertThat(current.declarations()).isPresent();
        assertThat(Files.readString(dir.resolve("models/v0002/manifest.json"))).contains("\"version\" : \"v0002\"");
        assertThat(second.assessment().model()).isEqualTo("v0002");
        assertThatThrownBy(() -> store.save(second.model())).hasMessageContaining("exists already");

        // Rescoring with the kept model gives the scores training gave.
        var rescored = scorer.score(data, current);
        assertThat(rescored.model()).isEqualTo("v0002");
        assertThat(rescored.declarations()).isEqualTo(second.assessment().declarations());
    }

    @Test
    void aReloadedModelScoresExactlyAsTheOneSaved(@TempDir Path dir) throws Exception {
        var store = new ModelStore(dir.resolve("models"));
        var scorer = new RiskScorer(RiskSettings.DEFAULTS, SMALL);
        var data = trade();
        var model = scorer.train(data, store.nextVersion()).model();
        store.save(model);

        var reloaded = store.latest().orElseThrow();

        assertThat(reloaded.version()).isEqualTo(model.version());
        assertThat(reloaded.trainedAt()).isEqualTo(model.trainedAt());
        assertThat(reloaded.facts()).isEqualTo(model.facts());
        assertThat(reloaded.anomaly()).isPresent();
        assertThat(reloaded.declarations()).isPresent();
        var original = scorer.score(data, model);
        var again = scorer.score(data, reloaded);
        assertThat(again.declarations()).isEqualTo(original.declarations());
        assertThat(again.entities()).isEqualTo(original.entities());
    }

    @Test
    void aVersionSavedInTheOldTabFormatAsksForANewTraining(@TempDir Path dir) throws Exception {
        var old = dir.resolve("models/v0001");
        Files.createDirectories(old);
        Files.writeString(old.resolve("manifest.properties"), "version=v0001\n");
        var store = new ModelStore(dir.resolve("models"));

        assertThat(store.versions()).containsExactly("v0001");
        assertThat(store.nextVersion()).isEqualTo("v0002");
        assertThatThrownBy(store::latest)
                .isInstanceOf(IOException.class)
                .hasMessage("model v0001 was saved in an older format; run ./risk train to fit a new version");
    }

    static TradeData trade() {
        var random = new Random(4);
        var shipments = new ArrayList<Shipment>();
        var violations = new HashMap<String, Boolean>();
        for (int i = 0; i < 1_500; i++) {
            boolean cheap = i % 40 == 0;
            double unit = 3.0 * Math.exp(0.2 * random.nextGaussian()) * (cheap ? 0.2 : 1);
            var s = new Shipment(
                    "D" + i,
                    LocalDate.of(2024, 1, 1).plusDays(i % 500),
                    "S" + (i % 30),
                    "B" + (i % 45),
                    "610910",
                    "VN",
                    1_000,
                    "PCS",
                    1_000 * unit,
                    "BR" + (i % 4),
                    "OF" + (i % 3));
            shipments.add(s);
            if (i % 5 == 0) {
                violations.put(s.declarationId(), cheap || random.nextDouble() < 0.05);
            }
        }
        return new TradeData(shipments, List.of(), List.of(), violations);
    }
}
