package customs.risk.engine.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.fixtures.BundleGenerator;
import customs.risk.fixtures.GeneratorSettings;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labelled records the match model is fitted on are the fixtures generator's company universe of
 * seed {@link LabelledRecords#SEED}, nothing picked by hand: this test regenerates them and compares.
 * {@code -Dlabelled.write=true} writes them anew after the generator changed.
 */
class LabelledRecordsTest {

    static final GeneratorSettings SETTINGS = new GeneratorSettings(LabelledRecords.SEED, 30_000, 5_000, 0.0, 0.0);
    private static final Path SHIPPED = Path.of("src/main/resources" + LabelledRecords.RESOURCE);

    @Test
    void theShippedSetIsTheGeneratedUniverseOfItsSeed(@TempDir Path out) throws IOException {
        String generated = generate(SETTINGS, out);
        if (Boolean.getBoolean("labelled.write")) {
            Files.createDirectories(SHIPPED.getParent());
            Files.writeString(SHIPPED, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(SHIPPED, StandardCharsets.UTF_8)).isEqualTo(generated);
    }

    @Test
    void theSetHoldsMatchesAndLookAlikes() {
        var labelled = LabelledRecords.shipped();
        var perEntity = new HashMap<String, Integer>();
        labelled.forEach(l -> perEntity.merge(l.entity(), 1, Integer::sum));
        assertThat(perEntity.values().stream().filter(n -> n > 1).count()).isGreaterThan(50);
        var examples = LabelledRecords.examples(labelled, 1.0);
        assertThat(examples.stream().filter(MatchModel.Example::match).count()).isGreaterThan(50);
        assertThat(examples.stream().filter(e -> !e.match()).count()).isGreaterThan(50);
    }

    /** The generated companies with the entity each belongs to, as the shipped CSV holds them. */
    static String generate(GeneratorSettings settings, Path out) throws IOException {
        BundleGenerator.generate(settings, out);
        var entities = new HashMap<String, String>();
        var format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        try (var reader = Files.newBufferedReader(out.resolve(BundleGenerator.ENTITY_TRUTH_FILE))) {
            format.parse(reader).forEach(r -> entities.put(r.get("company_id"), r.get("entity")));
        }
        var text = new StringWriter();
        try (var reader = Files.newBufferedReader(
                        out.resolve(BundleGenerator.BUNDLE_DIR).resolve("companies.csv"));
                var printer = new CSVPrinter(
                        text,
                        CSVFormat.RFC4180
                                .builder()
                                .setHeader(LabelledRecords.HEADER)
                                .get())) {
            for (var r : format.parse(reader)) {
                String id = r.get("company_id");
                printer.printRecord(
                        id,
                        r.get("name"),
                        r.get("country"),
                        r.get("registration_number"),
                        r.get("address"),
                        r.get("phone"),
                        r.get("email"),
                        r.get("registered_on"),
                        r.get("dissolved_on"),
                        entities.getOrDefault(id, id));
            }
        }
        return text.toString();
    }
}
