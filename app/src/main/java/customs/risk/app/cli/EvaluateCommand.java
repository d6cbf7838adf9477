package customs.risk.app.cli;

import customs.risk.engine.RiskService;
import customs.risk.engine.evaluation.GroundTruthEvaluation;
import customs.risk.engine.evaluation.ResolutionEvaluation;
import customs.risk.engine.evaluation.SelectionFigures;
import customs.risk.engine.ranking.RankingFilter;
import customs.risk.engine.ranking.RiskStore;
import customs.risk.engine.ranking.ScoredItem;
import customs.risk.engine.resolution.LabelledRecords;
import customs.risk.engine.resolution.MatchModel;
import customs.risk.engine.resolution.ResolutionService;
import customs.risk.fixtures.BundleGenerator;
import customs.risk.fixtures.GeneratorSettings;
import customs.risk.graph.DataDirectory;
import customs.risk.graph.files.FileStore;
import customs.risk.graph.files.Folders;
import customs.risk.ingest.BundleIngester;
import customs.risk.ingest.IngestListener;
import customs.risk.ingest.kcs.KcsConverter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code ./risk evaluate}: how well the product finds what is known to be there, measured on the
 * path a user takes: ingest, train, score, then the ranking as the views and {@code ./risk rank}
 * read it back from the graph.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Print evaluation figures, each through ingest, train, score and the stored ranking:",
            "(a) a generated bundle against its ground truth (top-K entities and declarations, per scheme,"
                    + " decoys as false positives);",
            "(b) the public KCS dataset: the history loaded with its outcomes (inspections), the next period"
                    + " loaded as new declarations without them, ranked; precision/recall/revenue@1/2/5/10%% of"
                    + " the new declarations, on valid (history: train) and on test (history: train+valid),"
                    + " beside the published best."
        })
final class EvaluateCommand implements Callable<Integer> {

    /** Published best on the KCS test split (Jeong et al., arXiv:2208.02484, Table 3): LightGBM. */
    static final double PUBLISHED_PRECISION_AT_5 = 0.762;

    static final double PUBLISHED_PRECISION_AT_10 = 0.641;
    private static final int PAGE = 10_000;

    @Option(
            names = "--seed",
            defaultValue = "2026",
            description = "Seed of the generated bundle (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--declarations",
            defaultValue = "50000",
            paramLabel = "N",
            description = "Declarations of the generated bundle (default: ${DEFAULT-VALUE}).")
    int declarations;

    @Option(
            names = "--bundle",
            paramLabel = "DIR",
            description =
                    "Evaluate this generated output (DIR/bundle and DIR/ground_truth.csv) instead of generating one.")
    Path bundle;

    @Option(
            names = "--kcs",
            paramLabel = "DIR",
            defaultValue = "datasets/kcs",
            description = "Folder of the KCS dataset (default: ${DEFAULT-VALUE}).")
    Path kcs;

    @Option(names = "--skip-generated", description = "Only the KCS evaluation.")
    boolean skipGenerated;

    @Option(names = "--skip-kcs", description = "Only the generated-data evaluation.")
    boolean skipKcs;

    @Option(
            names = "--kcs-splits",
            defaultValue = "valid,test",
            split = ",",
            paramLabel = "SPLIT",
            description = "Which KCS splits to rank: valid (history: train), test (history: train+valid); default"
                    + " both. Settings are chosen on valid; test is what is reported.")
    List<String> kcsSplits;

    @Option(
            names = "--compare-autoencoder",
            description = "Run every evaluation twice, with and without the autoencoder over the whole declaration,"
                    + " to show what it adds.")
    boolean compareAutoencoder;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (!skipKcs && !Files.isRegularFile(kcs.resolve("kcs_df_syn_train_eng.csv"))) {
            System.err.println("error: no KCS dataset in " + kcs + " (give --kcs DIR, or --skip-kcs)");
            return ExitCodes.USAGE;
        }
        if (!kcsSplits.stream().allMatch(s -> s.equals("valid") || s.equals("test"))) {
            System.err.println("error: --kcs-splits takes valid and/or test");
            return ExitCodes.USAGE;
        }
        var variants = compareAutoencoder ? List.of(true, false) : List.of(true);
        for (boolean autoencoder : variants) {
            var args = new ArrayList<>(springArgs);
            if (compareAutoencoder) {
                args.add("--risk.scoring.declaration-autoencoder=" + autoencoder);
                System.out.println((autoencoder ? "WITH" : "WITHOUT") + " the autoencoder over the whole declaration");
            }
            if (!skipGenerated) {
                evaluateGenerated(args);
            }
            if (!skipKcs) {
                System.out.println();
                evaluateKcs(args);
            }
            System.out.println();
        }
        return ExitCodes.OK;
    }

    private void evaluateGenerated(List<String> springArgs) throws Exception {
        Path work = Files.createTempDirectory("evaluate");
        try {
            Path out = bundle;
            if (out == null) {
                out = work.resolve("generated");
                BundleGenerator.generate(GeneratorSettings.defaults(seed, declarations), out);
            }
            var data = new DataDirectory(work.resolve("data"));
            BundleIngester.importIntoNewStore(
                    out.resolve(BundleGenerator.BUNDLE_DIR),
                    data.neo4jHome(),
                    new FileStore(data.files()),
                    data.reports().resolve("ingest.csv"),
                    IngestListener.NONE);
            try (var context = ApplicationContexts.start(data.root(), false, springArgs)) {
                resolve(context.getBean(ResolutionService.class), out.resolve(BundleGenerator.ENTITY_TRUTH_FILE));
                var risk = context.getBean(RiskService.class);
                var trained = risk.train();
                printModel(trained.model().facts());
                GroundTruthEvaluation.evaluate(
                        trained.model().version(),
                        ranking(risk, RiskStore.Kind.ENTITIES, RankingFilter.NONE),
                        ranking(risk, RiskStore.Kind.DECLARATIONS, RankingFilter.NONE),
                        out.resolve(BundleGenerator.GROUND_TRUTH_FILE),
                        System.out);
            }
        } finally {
            Folders.deleteRecursively(work);
        }
    }

    /** Resolves the companies as {@code ./risk resolve} does, and measures the parties against the truth. */
    private static void resolve(ResolutionService resolution, Path truth) throws IOException {
        var s = resolution.resolveAll();
        System.out.printf(
                "Entity resolution: %,d records, %,d candidate pairs, %,d parties of %,d records, %,d pairs to review"
                        + " (model fitted on %,d labelled pairs of seed %d; merges at >= %.3f)%n",
                s.records(),
                s.candidates(),
                s.parties(),
                s.inParties(),
                s.toReview(),
                s.model().labelledPairs(),
                LabelledRecords.SEED,
                s.model().autoMerge());
        if (!Files.isRegularFile(truth)) {
            System.out.println("  (no " + truth.getFileName() + " beside the bundle: resolution not measured)");
            return;
        }
        try (var reader = Files.newBufferedReader(truth, StandardCharsets.UTF_8)) {
            ResolutionEvaluation.print(
                    ResolutionEvaluation.evaluate(resolution.parties(), reader),
                    MatchModel.PRECISION_TARGET,
                    0.90,
                    System.out);
        }
    }

    private void evaluateKcs(List<String> springArgs) throws Exception {
        System.out.println("KCS: history loaded with its outcomes, the next period loaded as new declarations and"
                + " ranked by the product");
        var results = new ArrayList<String>();
        for (String split : kcsSplits) {
            var history = split.equals("valid") ? List.of("train") : List.of("train", "valid");
            var figures = kcsSplit(history, split, springArgs);
            var line = new StringBuilder(String.format(
                    "%s (history: %s),%d,%.3f",
                    split,
                    String.join("+", history),
                    figures.rows(),
                    (double) figures.violations() / Math.max(1, figures.rows())));
            for (double[] values : List.of(figures.precision(), figures.recall(), figures.revenue())) {
                for (double v : values) {
                    line.append(String.format(",%.3f", v));
                }
            }
            results.add(line.toString());
        }
        System.out.println(
                "split,rows,fraud_rate,p@1%,p@2%,p@5%,p@10%,r@1%,r@2%,r@5%,r@10%,rev@1%,rev@2%,rev@5%,rev@10%");
        results.forEach(System.out::println);
        System.out.printf(
                "published best on test (LightGBM): p@5%% = %.3f, p@10%% = %.3f%n",
                PUBLISHED_PRECISION_AT_5, PUBLISHED_PRECISION_AT_10);
    }

    /** Loads the history splits with outcomes and {@code split} without, trains, and reads the ranking of {@code split}. */
    private SelectionFigures.Figures kcsSplit(List<String> history, String split, List<String> springArgs)
            throws Exception {
        Path work = Files.createTempDirectory("evaluate-kcs");
        try {
            Path historyCsv = work.resolve("history.csv");
            concatenate(history.stream().map(this::kcsFile).toList(), historyCsv);
            var data = new DataDirectory(work.resolve("data"));
            Path historyBundle = work.resolve("history");
            KcsConverter.convert(historyCsv, historyBundle, true);
            BundleIngester.importIntoNewStore(
                    historyBundle,
                    data.neo4jHome(),
                    new FileStore(data.files()),
                    data.reports().resolve("history.csv"),
                    IngestListener.NONE);
            Path fresh = work.resolve("new");
            KcsConverter.convert(kcsFile(split), fresh, false);
            var labels = new HashMap<String, Boolean>();
            var revenue = new HashMap<String, Double>();
            LocalDate from = readLabels(kcsFile(split), labels, revenue);
            try (ConfigurableApplicationContext context = ApplicationContexts.start(data.root(), false, springArgs)) {
                context.getBean(BundleIngester.class)
                        .ingest(fresh, data.reports().resolve("new.csv"), IngestListener.NONE);
                var risk = context.getBean(RiskService.class);
                var trained = risk.train();
                System.out.printf("%s: model %s%n", split, trained.model().version());
                printModel(trained.model().facts());
                var filter = new RankingFilter(null, null, null, null, from, null);
                return SelectionFigures.of(ranking(risk, RiskStore.Kind.DECLARATIONS, filter), labels, revenue);
            }
        } finally {
            Folders.deleteRecursively(work);
        }
    }

    private Path kcsFile(String split) {
        return kcs.resolve("kcs_df_syn_" + split + "_eng.csv");
    }

    private static void printModel(Map<String, String> facts) {
        for (String key : List.of("declarationAutoencoder", "declarationModel", "companyModel")) {
            if (facts.containsKey(key)) {
                System.out.println("  " + key + ": " + facts.get(key));
            }
        }
    }

    /** Every scored item passing {@code filter}, riskiest first, as the ranking pages them. */
    private static List<ScoredItem> ranking(RiskService risk, RiskStore.Kind kind, RankingFilter filter) {
        var all = new ArrayList<ScoredItem>();
        for (int offset = 0; ; offset += PAGE) {
            var page = risk.page(kind, filter, offset, PAGE);
            all.addAll(page);
            if (page.size() < PAGE) {
                return all;
            }
        }
    }

    /** Reads the Fraud labels and the revenue at stake (price x tax rate) of a KCS file; returns its first date. */
    private static LocalDate readLabels(Path file, Map<String, Boolean> labels, Map<String, Double> revenue)
            throws IOException {
        LocalDate first = null;
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                var parser = CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(reader)) {
            for (var r : parser) {
                String id = "KCS-" + r.get("Declaration ID");
                labels.put(id, "1".equals(r.get("Fraud")));
                revenue.put(id, number(r.get("Item Price")) * number(r.get("Tax Rate")) / 100);
                LocalDate date = LocalDate.parse(r.get("Date"));
                first = first == null || date.isBefore(first) ? date : first;
            }
        }
        return first;
    }

    private static double number(String text) {
        try {
            return text == null || text.isBlank() ? 0 : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Writes the rows of several CSV files with one header into one file. */
    private static void concatenate(List<Path> files, Path into) throws IOException {
        try (var out = Files.newBufferedWriter(into, StandardCharsets.UTF_8)) {
            boolean header = true;
            for (Path file : files) {
                try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                    var iterator = lines.iterator();
                    if (iterator.hasNext()) {
                        String first = iterator.next();
                        if (header) {
                            out.write(first);
                            out.write('\n');
                            header = false;
                        }
                    }
                    while (iterator.hasNext()) {
                        out.write(iterator.next());
                        out.write('\n');
                    }
                }
            }
        }
    }
}
