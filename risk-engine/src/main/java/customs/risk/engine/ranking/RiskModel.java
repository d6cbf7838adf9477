package customs.risk.engine.ranking;

import customs.risk.engine.anomaly.DeclarationAnomaly;
import customs.risk.engine.io.ModelFiles;
import customs.risk.engine.learning.LearnedScore;
import customs.risk.engine.price.PriceModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What training learnt, kept so that later scores (full rescoring, new declarations) use the same
 * judgement and say which: the price model and the scores learnt from inspections, under a version.
 *
 * @param version e.g. "v0003", stored with every score it produces
 * @param trainedAt when it was trained
 * @param price the price deviation model
 * @param anomaly how unusual a declaration is as a whole (the declaration autoencoder), empty when
 *     switched off
 * @param declarations the declaration score learnt from inspection outcomes, empty when they were
 *     too few (the rules alone score then)
 * @param entities the company score learnt from inspection outcomes, empty when they were too few
 * @param facts figures about the training (data sizes, backtests, fit times) for the manifest
 */
public record RiskModel(
        String version,
        Instant trainedAt,
        PriceModel price,
        Optional<DeclarationAnomaly> anomaly,
        Optional<DeclarationModel> declarations,
        Optional<LearnedScore.Model> entities,
        Map<String, String> facts) {

    static final String MANIFEST = "manifest.json";
    /** What versions trained before the models were kept as JSON have instead of {@link #MANIFEST}. */
    static final String OLD_MANIFEST = "manifest.properties";

    private static final String DECLARATION_MODEL = "declaration-model.json";
    private static final String ENTITY_MODEL = "entity-model.json";

    /** The manifest: which version, when, and figures about the training. */
    record Manifest(String version, Instant trainedAt, Map<String, String> facts) {}

    public RiskModel {
        facts = Map.copyOf(facts);
    }

    /** Writes the model into {@code dir}; the manifest comes last, so a folder without one is incomplete. */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        price.save(dir);
        if (anomaly.isPresent()) {
            anomaly.get().save(dir);
        }
        if (declarations.isPresent()) {
            ModelFiles.write(dir.resolve(DECLARATION_MODEL), declarations.get().saved());
        }
        if (entities.isPresent()) {
            ModelFiles.write(dir.resolve(ENTITY_MODEL), entities.get().saved());
        }
        ModelFiles.write(dir.resolve(MANIFEST), new Manifest(version, trainedAt, new TreeMap<>(facts)));
    }

    public static RiskModel load(Path dir) throws IOException {
        if (!Files.exists(dir.resolve(MANIFEST)) && Files.exists(dir.resolve(OLD_MANIFEST))) {
            throw new IOException("model " + dir.getFileName() + " was saved in an older format; run ./risk train"
                    + " to fit a new version");
        }
        var manifest = ModelFiles.read(dir.resolve(MANIFEST), Manifest.class);
        Optional<DeclarationModel> declarations = Optional.empty();
        if (Files.exists(dir.resolve(DECLARATION_MODEL))) {
            declarations = Optional.of(DeclarationModel.restore(
                    ModelFiles.read(dir.resolve(DECLARATION_MODEL), DeclarationModel.Saved.class)));
        }
        Optional<LearnedScore.Model> entities = Optional.empty();
        if (Files.exists(dir.resolve(ENTITY_MODEL))) {
            entities = Optional.of(LearnedScore.Model.restore(
                    ModelFiles.read(dir.resolve(ENTITY_MODEL), LearnedScore.Model.Saved.class)));
        }
        return new RiskModel(
                manifest.version(),
                manifest.trainedAt(),
                PriceModel.load(dir),
                DeclarationAnomaly.savedIn(dir) ? Optional.of(DeclarationAnomaly.load(dir)) : Optional.empty(),
                declarations,
                entities,
                manifest.facts());
    }
}
