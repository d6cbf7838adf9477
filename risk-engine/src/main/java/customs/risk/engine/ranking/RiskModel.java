package customs.risk.engine.ranking;

import customs.risk.engine.anomaly.DeclarationAnomaly;
import customs.risk.engine.learning.LearnedScore;
import customs.risk.engine.price.PriceModel;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

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
public record RiskModel(String version, Instant trainedAt, PriceModel price, Optional<DeclarationAnomaly> anomaly,
        Optional<DeclarationModel> declarations, Optional<LearnedScore.Model> entities, Map<String, String> facts) {

    static final String MANIFEST = "manifest.properties";
    private static final String DECLARATION_MODEL = "declaration-model.tsv";
    private static final String ENTITY_MODEL = "entity-model.tsv";

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
            try (Writer out = Files.newBufferedWriter(dir.resolve(DECLARATION_MODEL), StandardCharsets.UTF_8)) {
                declarations.get().write(out);
            }
        }
        if (entities.isPresent()) {
            try (Writer out = Files.newBufferedWriter(dir.resolve(ENTITY_MODEL), StandardCharsets.UTF_8)) {
                entities.get().write(out);
            }
        }
        var manifest = new Properties();
        manifest.putAll(facts);
        manifest.setProperty("version", version);
        manifest.setProperty("trainedAt", trainedAt.toString());
        try (Writer out = Files.newBufferedWriter(dir.resolve(MANIFEST), StandardCharsets.UTF_8)) {
            manifest.store(out, "customs risk model");
        }
    }

    public static RiskModel load(Path dir) throws IOException {
        var manifest = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve(MANIFEST), StandardCharsets.UTF_8)) {
            manifest.load(in);
        }
        Optional<DeclarationModel> declarations = Optional.empty();
        if (Files.exists(dir.resolve(DECLARATION_MODEL))) {
            try (var in = Files.newBufferedReader(dir.resolve(DECLARATION_MODEL), StandardCharsets.UTF_8)) {
                declarations = Optional.of(DeclarationModel.read(in));
            }
        }
        Optional<LearnedScore.Model> entities = Optional.empty();
        if (Files.exists(dir.resolve(ENTITY_MODEL))) {
            try (var in = Files.newBufferedReader(dir.resolve(ENTITY_MODEL), StandardCharsets.UTF_8)) {
                entities = Optional.of(LearnedScore.Model.read(in));
            }
        }
        var facts = new LinkedHashMap<String, String>();
        manifest.stringPropertyNames().stream().sorted()
                .filter(k -> !k.equals("version") && !k.equals("trainedAt"))
                .forEach(k -> facts.put(k, manifest.getProperty(k)));
        return new RiskModel(manifest.getProperty("version"), Instant.parse(manifest.getProperty("trainedAt")),
                PriceModel.load(dir), DeclarationAnomaly.savedIn(dir) ? Optional.of(DeclarationAnomaly.load(dir))
                        : Optional.empty(), declarations, entities, facts);
    }
}
