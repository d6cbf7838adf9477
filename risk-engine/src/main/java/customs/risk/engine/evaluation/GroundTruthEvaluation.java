package customs.risk.engine.evaluation;

import customs.risk.engine.learning.RankingMetrics;
import customs.risk.engine.ranking.ScoredItem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;

/**
 * Rankings against the ground truth of a generated bundle ({@code scheme,label,kind,id,detail}):
 * among the top K entities (K = planted companies), the share planted and the share of decoys; among
 * the top K declarations (K = mispriced items), the share mispriced; precision@n% of declarations
 * against every planted item; and per scheme, how many of its members the top K holds.
 */
public final class GroundTruthEvaluation {

    private static final Set<String> MISPRICING = Set.of("UNDER_INVOICING", "OVER_INVOICING");

    /**
     * @param entityPrecision share of planted companies among the top K entities
     * @param entityDecoys share of decoy companies among the top K entities
     * @param mispricedPrecision share of mispriced items among the top K declarations
     */
    public record Summary(double entityPrecision, double entityDecoys, double mispricedPrecision) {}

    private GroundTruthEvaluation() {}

    /**
     * @param model the model version that scored the rankings
     * @param entities every company, riskiest first, as the ranking shows them
     * @param declarations every declaration, riskiest first
     */
    public static Summary evaluate(
            String model, List<ScoredItem> entities, List<ScoredItem> declarations, Path groundTruth, PrintStream out)
            throws IOException {
        var plantedCompanies = new HashSet<String>();
        var decoyCompanies = new HashSet<String>();
        var companySchemes = new TreeMap<String, Set<String>>();
        var plantedDeclarations = new HashMap<String, String>();
        try (var reader = Files.newBufferedReader(groundTruth, StandardCharsets.UTF_8);
                var parser = CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(reader)) {
            for (var r : parser) {
                boolean planted = r.get("label").equals("PLANTED");
                String scheme = r.get("scheme");
                switch (r.get("kind")) {
                    case "COMPANY" -> {
                        (planted ? plantedCompanies : decoyCompanies).add(r.get("id"));
                        companySchemes
                                .computeIfAbsent(scheme, s -> new HashSet<>())
                                .add(r.get("id"));
                    }
                    case "DECLARATION" -> {
                        if (planted) {
                            plantedDeclarations.merge(r.get("id"), scheme, (a, b) -> MISPRICING.contains(a) ? a : b);
                        }
                    }
                    default -> {}
                }
            }
        }
        decoyCompanies.removeAll(plantedCompanies);

        int k = Math.max(1, plantedCompanies.size());
        var topEntities = ids(entities, k);
        double entityPrecision = share(topEntities, plantedCompanies::contains);
        double entityDecoys = share(topEntities, decoyCompanies::contains);
        var mispriced = plantedDeclarations.entrySet().stream()
                .filter(e -> MISPRICING.contains(e.getValue()))
                .map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet());
        var topDeclarations = ids(declarations, Math.max(1, mispriced.size()));
        double mispricedPrecision = share(topDeclarations, mispriced::contains);

        out.printf(
                "generated data (%s): %d planted companies, %d decoy companies, %d mispriced items%n",
                model, plantedCompanies.size(), decoyCompanies.size(), mispriced.size());
        out.printf("top-%d entities: %.3f planted, %.3f decoys%n", k, entityPrecision, entityDecoys);
        out.printf("top-%d declarations: %.3f mispriced%n", mispriced.size(), mispricedPrecision);
        var topSet = new HashSet<>(topEntities);
        out.println("scheme,label,companies,in_top_k");
        companySchemes.forEach((scheme, members) -> out.printf(
                "%s,%s,%d,%d%n",
                scheme,
                scheme.startsWith("DECOY") ? "DECOY" : "PLANTED",
                members.size(),
                members.stream().filter(topSet::contains).count()));
        out.printf("ties among the top 1%% of entities: %.3f%n", SelectionFigures.tiedShare(entities, 0.01));
        double[] scores = declarations.stream().mapToDouble(ScoredItem::score).toArray();
        int[] labels = declarations.stream()
                .mapToInt(d -> plantedDeclarations.containsKey(d.id()) ? 1 : 0)
                .toArray();
        out.print("declarations vs every planted item:");
        for (double share : SelectionFigures.SHARES) {
            out.printf(
                    " p@%.0f%%=%.3f r@%.0f%%=%.3f",
                    share * 100,
                    RankingMetrics.precisionAt(scores, labels, share),
                    share * 100,
                    RankingMetrics.recallAt(scores, labels, share));
        }
        out.println();
        return new Summary(entityPrecision, entityDecoys, mispricedPrecision);
    }

    private static List<String> ids(List<ScoredItem> ranked, int k) {
        return ranked.stream().limit(k).map(ScoredItem::id).toList();
    }

    private static double share(List<String> ids, java.util.function.Predicate<String> test) {
        return ids.isEmpty() ? 0 : (double) ids.stream().filter(test).count() / ids.size();
    }
}
