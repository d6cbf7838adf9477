package customs.risk.engine.evaluation;

import customs.risk.engine.learning.GradientBoostedTrees;
import customs.risk.engine.learning.RankingMetrics;
import customs.risk.engine.learning.TargetEncoder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The learning-from-inspections model on the public KCS dataset (Jeong et al., arXiv:2208.02484):
 * risk profiles (smoothed violation rates) of importer, declarant, seller, HS code, origin, office
 * and their pairs, plus the declaration's own numbers, into gradient-boosted trees. Settings are
 * chosen on the valid split (trained on train); the figures that count train on train + valid and
 * report on the test split, which nothing is tuned on.
 */
public final class KcsEvaluation {

    /** Published best on the test split (paper, Table 3): LightGBM. */
    public static final double PUBLISHED_PRECISION_AT_5 = 0.762;
    public static final double PUBLISHED_PRECISION_AT_10 = 0.641;
    static final double[] SHARES = {0.01, 0.02, 0.05, 0.10};

    private static final List<Function<CSVRecord, String>> CATEGORIES = List.of(
            r -> r.get("Importer ID"), r -> r.get("Declarant ID"), r -> r.get("Seller ID"), r -> hs(r),
            r -> hs(r).substring(0, 4), r -> hs(r).substring(0, 2), r -> r.get("Country of Origin"),
            r -> r.get("Country of Departure"), r -> r.get("Office ID"), r -> r.get("Courier ID"),
            r -> r.get("Process Type"), r -> r.get("Import Type"), r -> r.get("Import Use"),
            r -> r.get("Payment Type"), r -> r.get("Mode of Transport"), r -> r.get("Tax Type"),
            r -> r.get("Country of Origin Indicator"),
            r -> r.get("Importer ID") + "|" + hs(r), r -> r.get("Declarant ID") + "|" + hs(r),
            r -> r.get("Importer ID") + "|" + r.get("Declarant ID"), r -> r.get("Seller ID") + "|" + r.get("Importer ID"),
            r -> r.get("Country of Origin") + "|" + hs(r), r -> r.get("Office ID") + "|" + hs(r).substring(0, 4));

    /** The figures of one split. */
    public record Result(String split, int rows, double fraudRate, double[] precision, double[] recall,
            double[] revenue) {}

    private KcsEvaluation() {}

    /** Runs both evaluations on the files in {@code kcsDir} and prints them. */
    public static List<Result> run(Path kcsDir, GradientBoostedTrees.Settings settings, PrintStream out)
            throws IOException {
        var train = read(kcsDir.resolve("kcs_df_syn_train_eng.csv"));
        var valid = read(kcsDir.resolve("kcs_df_syn_valid_eng.csv"));
        var test = read(kcsDir.resolve("kcs_df_syn_test_eng.csv"));
        var trainAndValid = new ArrayList<>(train);
        trainAndValid.addAll(valid);
        var results = List.of(evaluate("valid (trained on train)", train, valid, settings),
                evaluate("test (trained on train+valid)", trainAndValid, test, settings));
        out.println("KCS: learning from inspection outcomes (gradient-boosted trees over risk profiles)");
        out.println("split,rows,fraud_rate,p@1%,p@2%,p@5%,p@10%,r@1%,r@2%,r@5%,r@10%,rev@1%,rev@2%,rev@5%,rev@10%");
        for (Result r : results) {
            var line = new StringBuilder(String.format("%s,%d,%.3f", r.split(), r.rows(), r.fraudRate()));
            for (double[] values : List.of(r.precision(), r.recall(), r.revenue())) {
                for (double v : values) {
                    line.append(String.format(",%.3f", v));
                }
            }
            out.println(line);
        }
        out.printf("published best on test (LightGBM): p@5%% = %.3f, p@10%% = %.3f%n", PUBLISHED_PRECISION_AT_5,
                PUBLISHED_PRECISION_AT_10);
        return results;
    }

    static Result evaluate(String split, List<CSVRecord> train, List<CSVRecord> test,
            GradientBoostedTrees.Settings settings) {
        int[] y = labels(train);
        double[][] xTrain = features(train, train, y, true);
        double[][] xTest = features(train, test, y, false);
        var model = GradientBoostedTrees.fit(xTrain, y, settings);
        double[] scores = new double[test.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = model.predict(xTest[i]);
        }
        int[] truth = labels(test);
        double[] revenue = new double[test.size()];
        for (int i = 0; i < revenue.length; i++) {
            var r = test.get(i);
            revenue[i] = truth[i] * number(r.get("Item Price")) * number(r.get("Tax Rate")) / 100;
        }
        double[] precision = new double[SHARES.length];
        double[] recall = new double[SHARES.length];
        double[] rev = new double[SHARES.length];
        for (int k = 0; k < SHARES.length; k++) {
            precision[k] = RankingMetrics.precisionAt(scores, truth, SHARES[k]);
            recall[k] = RankingMetrics.recallAt(scores, truth, SHARES[k]);
            rev[k] = RankingMetrics.revenueAt(scores, revenue, SHARES[k]);
        }
        double fraudRate = (double) java.util.Arrays.stream(truth).sum() / truth.length;
        return new Result(split, test.size(), fraudRate, precision, recall, rev);
    }

    /** Features of {@code rows}, with risk profiles learnt from {@code history} (out of fold when rows are the history). */
    private static double[][] features(List<CSVRecord> history, List<CSVRecord> rows, int[] y, boolean outOfFold) {
        int c = CATEGORIES.size();
        double[][] x = new double[rows.size()][2 * c + 4];
        for (int k = 0; k < c; k++) {
            var category = CATEGORIES.get(k);
            String[] known = history.stream().map(category).toArray(String[]::new);
            var encoder = TargetEncoder.fit(known, y, TargetEncoder.SMOOTHING_DEFAULT);
            double[] encoded = outOfFold
                    ? TargetEncoder.outOfFold(known, y, 5, TargetEncoder.SMOOTHING_DEFAULT, 17 + k)
                    : null;
            for (int i = 0; i < rows.size(); i++) {
                String value = category.apply(rows.get(i));
                x[i][2 * k] = outOfFold ? encoded[i] : encoder.encode(value);
                x[i][2 * k + 1] = Math.log1p(encoder.count(value));
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            var r = rows.get(i);
            double mass = number(r.get("Net Mass"));
            double price = number(r.get("Item Price"));
            x[i][2 * c] = number(r.get("Tax Rate"));
            x[i][2 * c + 1] = Math.log1p(mass);
            x[i][2 * c + 2] = Math.log1p(price);
            x[i][2 * c + 3] = mass > 0 ? Math.log1p(price / mass) : Double.NaN;
        }
        return x;
    }

    private static int[] labels(List<CSVRecord> rows) {
        return rows.stream().mapToInt(r -> "1".equals(r.get("Fraud")) ? 1 : 0).toArray();
    }

    private static String hs(CSVRecord r) {
        String hs = r.get("HS6 Code");
        return "0".repeat(Math.max(0, 6 - hs.length())) + hs;
    }

    private static double number(String text) {
        try {
            return text == null || text.isBlank() ? Double.NaN : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static List<CSVRecord> read(Path file) throws IOException {
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            return parser.getRecords();
        }
    }
}
