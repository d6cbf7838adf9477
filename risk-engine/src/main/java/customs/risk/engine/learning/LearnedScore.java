package customs.risk.engine.learning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * A calibrated violation probability learnt from inspection outcomes, with the rules as its prior.
 *
 * <p>Features: every categorical column of a {@link FeatureTable} becomes its risk profile (the
 * smoothed violation rate of its value, {@link TargetEncoder}, out of fold for training rows) and
 * how often the value was seen; numeric columns are read as they are; the rule prior is one more
 * column. Gradient-boosted trees learn from the labelled rows.
 *
 * <p>How much weight the prior keeps beside the trees is chosen by a time-ordered backtest: trees
 * fitted on the older labelled rows rank the newer ones, blended with the prior in log-odds at
 * weights {@link #PRIOR_WEIGHTS}; the weight with the best precision at the inspection capacity
 * wins (average precision breaks ties, then the smaller weight). A rule that never predicts a
 * violation thus loses its say, and one that does keeps it where labels are few. Then Platt
 * scaling on cross-fitted scores (every labelled row scored by trees that never saw it) makes the
 * blend a probability. Labelled rows keep their cross-fitted probability, so a score always says
 * what the model would have said before the outcome was known.
 *
 * <p>Cost: (folds + 2) tree fits on the labelled rows ({@link GradientBoostedTrees}); scoring
 * O(T · D + c) per row for c columns.
 */
public final class LearnedScore {

    /** Weights of the prior tried by the backtest; 0 = trees alone, 1 = the prior alone. */
    public static final double[] PRIOR_WEIGHTS = {0, 0.25, 0.5, 0.75, 1};
    /** The prior is read in log-odds, clipped here so that a prior of 0 or 1 stays finite. */
    static final double PRIOR_FLOOR = 1e-4;
    /** The backtest judges at least this many of the newer rows, whatever the capacity. */
    static final int MIN_JUDGED = 20;
    /**
     * Fewest violations among the newer rows for the time-ordered backtest to judge on them; with
     * fewer, a handful of outcomes would decide, and the cross-fitted scores of all rows judge instead.
     */
    static final int MIN_JUDGED_POSITIVES = 30;
    /** The name under which the rule prior's effect is explained. */
    public static final String RULES = "rules";

    /**
     * Settings.
     *
     * @param trees the boosted trees
     * @param folds cross-fitting folds
     * @param backtestShare the newest share of labelled rows the backtest judges on
     * @param capacity share of declarations that can be inspected: the backtest's precision is
     *     taken at this share of the newer rows
     * @param minLabelled fewest labelled rows to learn from
     * @param minPositives fewest violations among them
     * @param smoothing weight of the overall rate in a risk profile ({@link TargetEncoder})
     */
    public record Settings(
            GradientBoostedTrees.Settings trees,
            int folds,
            double backtestShare,
            double capacity,
            int minLabelled,
            int minPositives,
            double smoothing) {

        public static final Settings DEFAULTS = new Settings(
                new GradientBoostedTrees.Settings(300, 4, 0.05, 5, 2.0, 0.8, 0.8, 64, 1),
                5,
                0.25,
                0.05,
                50,
                10,
                TargetEncoder.SMOOTHING_DEFAULT);

        public Settings {
            if (folds < 2
                    || !(backtestShare > 0 && backtestShare < 1)
                    || !(capacity > 0 && capacity <= 1)
                    || minLabelled < 2
                    || minPositives < 1
                    || !(smoothing >= 0)) {
                throw new IllegalArgumentException("invalid learning settings: " + this);
            }
        }

        public Settings withCapacity(double share) {
            return new Settings(trees, folds, backtestShare, share, minLabelled, minPositives, smoothing);
        }

        public Settings withTrees(GradientBoostedTrees.Settings other) {
            return new Settings(other, folds, backtestShare, capacity, minLabelled, minPositives, smoothing);
        }
    }

    /**
     * The backtest that chose the prior's weight.
     *
     * @param older labelled rows the trees learnt from
     * @param newer labelled rows they were judged on
     * @param newerPositives violations among the newer rows
     * @param judged rows at the capacity, where precision was taken
     * @param precision per weight in {@link #PRIOR_WEIGHTS}, precision at the capacity
     * @param averagePrecision per weight, average precision over all newer rows
     * @param priorWeight the chosen weight
     */
    public record Backtest(
            int older,
            int newer,
            int newerPositives,
            int judged,
            double[] precision,
            double[] averagePrecision,
            double priorWeight) {

        public String describe() {
            var parts = new ArrayList<String>();
            for (int i = 0; i < PRIOR_WEIGHTS.length; i++) {
                parts.add(String.format(
                        "prior %.2f: p@%d=%.3f AP=%.3f", PRIOR_WEIGHTS[i], judged, precision[i], averagePrecision[i]));
            }
            String on = older == newer
                    ? String.format(
                            "on the cross-fitted scores of all %d labelled rows (%d"
                                    + " violations; too few among the newest for a time-ordered backtest)",
                            newer, newerPositives)
                    : String.format(
                            "on the %d newest labelled rows (%d violations; trained on the %d older)",
                            newer, newerPositives, older);
            return String.format("prior weight %.2f chosen %s: %s", priorWeight, on, String.join(", ", parts));
        }
    }

    /** What one signal did to one row's probability, in probability points (negative: it lowered it). */
    public record Contribution(String group, double probability) {}

    /** A row's calibrated probability and the effects of its signals, largest first. */
    public record Explained(double probability, List<Contribution> effects) {}

    /**
     * The probabilities and strongest effects of many rows, held compactly (a group number and a
     * float per effect, not objects), so that millions of rows can be explained at once.
     */
    public static final class Explanations {
        private final double[] probabilities;
        private final short[] groups;
        private final float[] effects;
        private final int limit;
        private final String[] groupNames;

        Explanations(int rows, int limit, String[] groupNames) {
            if (groupNames.length > Short.MAX_VALUE) {
                throw new IllegalArgumentException("too many signal groups: " + groupNames.length);
            }
            this.probabilities = new double[rows];
            this.groups = new short[rows * limit];
            this.effects = new float[rows * limit];
            this.limit = limit;
            this.groupNames = groupNames;
            Arrays.fill(groups, (short) -1);
        }

        private void set(int row, Explained explained) {
            probabilities[row] = explained.probability();
            var list = explained.effects();
            for (int k = 0; k < list.size(); k++) {
                groups[row * limit + k] = (short) indexOf(list.get(k).group());
                effects[row * limit + k] = (float) list.get(k).probability();
            }
        }

        private int indexOf(String group) {
            for (int g = 0; g < groupNames.length; g++) {
                if (groupNames[g].equals(group)) {
                    return g;
                }
            }
            throw new IllegalStateException("unknown signal group " + group);
        }

        public int rows() {
            return probabilities.length;
        }

        public double probability(int row) {
            return probabilities[row];
        }

        /** Every row's probability: the array itself, not a copy. */
        public double[] probabilities() {
            return probabilities;
        }

        /** The row's strongest effects, largest first. */
        public List<Contribution> effects(int row) {
            var list = new ArrayList<Contribution>(limit);
            for (int k = 0; k < limit && groups[row * limit + k] >= 0; k++) {
                list.add(new Contribution(groupNames[groups[row * limit + k]], effects[row * limit + k]));
            }
            return list;
        }
    }

    /** A fitted model and the cross-fitted probabilities of the rows it learnt from, in their order. */
    public record Fitted(Model model, double[] heldOut) {}

    private LearnedScore() {}

    /**
     * Fits a model; empty when the labelled rows are too few or all alike.
     *
     * @param labelled the labelled rows
     * @param y their outcomes, 1 = violation
     * @param time per row a time (e.g. the epoch day it was filed): the backtest judges the newest
     */
    public static Optional<Fitted> fit(FeatureTable labelled, int[] y, long[] time, Settings settings) {
        int n = labelled.rows();
        if (y.length != n || time.length != n) {
            throw new IllegalArgumentException("need one label and one time per row");
        }
        int positives = Arrays.stream(y).sum();
        if (n < settings.minLabelled() || positives < settings.minPositives() || positives == n) {
            return Optional.empty();
        }
        var schema = Schema.of(labelled);
        double[] prior = new double[n];
        for (int i = 0; i < n; i++) {
            prior[i] = logitPrior(labelled.prior(i));
        }
        double meanPrior = Arrays.stream(prior).average().orElse(0);

        // Cross-fitting: each row's margin from trees that never saw its fold.
        int[] fold = new int[n];
        var random = new SplittableRandom(settings.trees().seed());
        for (int i = 0; i < n; i++) {
            fold[i] = random.nextInt(settings.folds());
        }
        double[] heldOutMargin = new double[n];
        IntStream.range(0, settings.folds()).parallel().forEach(k -> {
            int[] train = IntStream.range(0, n).filter(i -> fold[i] != k).toArray();
            int[] held = IntStream.range(0, n).filter(i -> fold[i] == k).toArray();
            if (held.length == 0 || Arrays.stream(train).map(i -> y[i]).sum() == 0) {
                return;
            }
            var part = Part.fit(schema, labelled.rows(train), pick(y, train), settings);
            double[] margins = part.margins(labelled.rows(held));
            for (int j = 0; j < held.length; j++) {
                heldOutMargin[held[j]] = margins[j];
            }
        });

        var backtest = backtest(schema, labelled, y, time, prior, heldOutMargin, settings);
        var whole = Part.fit(schema, labelled, y, settings);
        double w = backtest.priorWeight();
        double[] blended = new double[n];
        for (int i = 0; i < n; i++) {
            blended[i] = blend(heldOutMargin[i], prior[i], w);
        }
        var calibration = PlattScaling.fit(blended, y);
        double[] heldOut = Arrays.stream(blended).map(calibration::probability).toArray();
        var model = new Model(
                schema,
                whole.encoders(),
                whole.trees(),
                w,
                calibration,
                meanPrior,
                n,
                (double) positives / n,
                backtest);
        return Optional.of(new Fitted(model, heldOut));
    }

    /**
     * Trees fitted on the older rows rank the newer ones beside the prior. With too few older rows
     * or too few violations among the newer, the cross-fitted margins of all rows stand in for them.
     */
    private static Backtest backtest(
            Schema schema,
            FeatureTable labelled,
            int[] y,
            long[] time,
            double[] prior,
            double[] heldOutMargin,
            Settings settings) {
        int n = y.length;
        Integer[] order = IntStream.range(0, n)
                .boxed()
                .sorted(Comparator.comparingLong((Integer i) -> time[i]).thenComparingInt(i -> i))
                .toArray(Integer[]::new);
        int cut = (int) Math.round(n * (1 - settings.backtestShare()));
        int[] older = Arrays.stream(order, 0, cut).mapToInt(Integer::intValue).toArray();
        int[] newer = Arrays.stream(order, cut, n).mapToInt(Integer::intValue).toArray();
        int olderPositives = Arrays.stream(older).map(i -> y[i]).sum();
        int newerPositives = Arrays.stream(newer).map(i -> y[i]).sum();
        double[] margins; // aligned with judgedRows
        int[] judgedRows;
        int trainedOn;
        if (older.length >= settings.minLabelled()
                && olderPositives >= settings.minPositives()
                && olderPositives < older.length
                && newerPositives >= MIN_JUDGED_POSITIVES) {
            margins = Part.fit(schema, labelled.rows(older), pick(y, older), settings)
                    .margins(labelled.rows(newer));
            judgedRows = newer;
            trainedOn = older.length;
        } else {
            margins = heldOutMargin;
            judgedRows = IntStream.range(0, n).toArray();
            trainedOn = n;
            newerPositives = Arrays.stream(y).sum();
        }
        int m = judgedRows.length;
        int[] truth = pick(y, judgedRows);
        double share = Math.min(1, Math.max(settings.capacity(), (double) MIN_JUDGED / m));
        int judged = RankingMetrics.inspected(m, share);
        double[] precision = new double[PRIOR_WEIGHTS.length];
        double[] ap = new double[PRIOR_WEIGHTS.length];
        int best = 0;
        for (int w = 0; w < PRIOR_WEIGHTS.length; w++) {
            double[] s = new double[m];
            for (int j = 0; j < m; j++) {
                int row = judgedRows[j];
                s[j] = blend(margins[j], prior[row], PRIOR_WEIGHTS[w]);
            }
            precision[w] = RankingMetrics.precisionAt(s, truth, share);
            ap[w] = RankingMetrics.averagePrecision(s, truth);
            boolean better = precision[w] > precision[best] + 1e-9
                    || Math.abs(precision[w] - precision[best]) <= 1e-9 && ap[w] > ap[best] + 1e-9;
            if (better) {
                best = w;
            }
        }
        return new Backtest(trainedOn, m, newerPositives, judged, precision, ap, PRIOR_WEIGHTS[best]);
    }

    static double blend(double margin, double logitPrior, double priorWeight) {
        return (1 - priorWeight) * margin + priorWeight * logitPrior;
    }

    static double logitPrior(double prior) {
        double p = Math.min(1 - PRIOR_FLOOR, Math.max(PRIOR_FLOOR, Double.isNaN(prior) ? 0 : prior));
        return Math.log(p / (1 - p));
    }

    private static int[] pick(int[] values, int[] rows) {
        return Arrays.stream(rows).map(i -> values[i]).toArray();
    }

    /** The columns a model reads, by name, and which signal each feature belongs to. */
    record Schema(
            List<String> categorical,
            List<String> numeric,
            List<String> numericGroups,
            String[] groups,
            String[] groupNames,
            int[] groupOf) {

        Schema(List<String> categorical, List<String> numeric, List<String> numericGroups) {
            this(categorical, numeric, numericGroups, groupsOf(categorical, numeric, numericGroups));
        }

        private Schema(List<String> categorical, List<String> numeric, List<String> numericGroups, String[] groups) {
            this(
                    categorical,
                    numeric,
                    numericGroups,
                    groups,
                    Arrays.stream(groups).distinct().toArray(String[]::new),
                    indexOf(groups));
        }

        /** Per feature (the rules last), the index of its signal among the distinct signals. */
        private static int[] indexOf(String[] groups) {
            var names = Arrays.stream(groups).distinct().toList();
            return Arrays.stream(groups).mapToInt(names::indexOf).toArray();
        }

        static Schema of(FeatureTable table) {
            var groups = table.numeric().values().stream()
                    .map(FeatureTable.Numeric::group)
                    .toList();
            return new Schema(
                    List.copyOf(table.categorical().keySet()),
                    List.copyOf(table.numeric().keySet()),
                    groups);
        }

        int width() {
            return 2 * categorical.size() + numeric.size() + 1;
        }

        /** The signal of each feature: a categorical column's name, a numeric column's group, or the rules. */
        private static String[] groupsOf(List<String> categorical, List<String> numeric, List<String> numericGroups) {
            var groups = new String[2 * categorical.size() + numeric.size() + 1];
            for (int c = 0; c < categorical.size(); c++) {
                groups[2 * c] = categorical.get(c);
                groups[2 * c + 1] = categorical.get(c);
            }
            for (int j = 0; j < numeric.size(); j++) {
                groups[2 * categorical.size() + j] = numericGroups.get(j);
            }
            groups[groups.length - 1] = RULES;
            return groups;
        }

        /** The feature rows of {@code table}; {@code own} replaces the profiles of training rows (out of fold). */
        double[] row(
                FeatureTable table,
                List<IntFunction<String>> categoricalColumns,
                List<FeatureTable.Numeric> numericColumns,
                List<TargetEncoder> encoders,
                double[][] own,
                int i,
                double[] into) {
            int c = categorical.size();
            for (int k = 0; k < c; k++) {
                String value = valueOf(categoricalColumns.get(k), i);
                encoders.get(k).encodeInto(value, into, 2 * k);
                if (own != null) {
                    into[2 * k] = own[k][i];
                }
            }
            for (int j = 0; j < numeric.size(); j++) {
                var column = numericColumns.get(j);
                into[2 * c + j] = column == null ? Double.NaN : column.values().applyAsDouble(i);
            }
            into[width() - 1] = table.prior(i);
            return into;
        }

        /** A missing value is a category of its own ("no broker declared" has a record too). */
        static String valueOf(IntFunction<String> column, int i) {
            String value = column == null ? null : column.apply(i);
            return value == null ? "" : value;
        }

        List<IntFunction<String>> categoricalColumns(FeatureTable table) {
            return categorical.stream()
                    .map(name -> table.categorical().get(name))
                    .toList();
        }

        List<FeatureTable.Numeric> numericColumns(FeatureTable table) {
            return numeric.stream().map(name -> table.numeric().get(name)).toList();
        }
    }

    /** Profiles and trees fitted on one set of rows. */
    private record Part(Schema schema, List<TargetEncoder> encoders, GradientBoostedTrees trees) {

        static Part fit(Schema schema, FeatureTable rows, int[] y, Settings settings) {
            int n = rows.rows();
            var encoders = new ArrayList<TargetEncoder>();
            double[][] own = new double[schema.categorical().size()][];
            var categoricalColumns = schema.categoricalColumns(rows);
            for (int k = 0; k < own.length; k++) {
                var column = categoricalColumns.get(k);
                String[] values = new String[n];
                for (int i = 0; i < n; i++) {
                    values[i] = Schema.valueOf(column, i);
                }
                encoders.add(TargetEncoder.fit(values, y, settings.smoothing()));
                own[k] = TargetEncoder.outOfFold(values, y, settings.folds(), settings.smoothing(), 31 + k);
            }
            var numericColumns = schema.numericColumns(rows);
            double[][] x = new double[n][];
            for (int i = 0; i < n; i++) {
                x[i] = schema.row(
                        rows, categoricalColumns, numericColumns, encoders, own, i, new double[schema.width()]);
            }
            return new Part(schema, encoders, GradientBoostedTrees.fit(x, y, settings.trees()));
        }

        double[] margins(FeatureTable rows) {
            var categoricalColumns = schema.categoricalColumns(rows);
            var numericColumns = schema.numericColumns(rows);
            double[] buffer = new double[schema.width()];
            double[] margins = new double[rows.rows()];
            for (int i = 0; i < margins.length; i++) {
                margins[i] =
                        trees.margin(schema.row(rows, categoricalColumns, numericColumns, encoders, null, i, buffer));
            }
            return margins;
        }
    }

    /** A fitted model: apply it to any rows with the same column names (missing columns read as missing). */
    public static final class Model {

        private static final int CHUNK = 8_192;

        private final Schema schema;
        private final List<TargetEncoder> encoders;
        private final GradientBoostedTrees trees;
        private final double priorWeight;
        private final PlattScaling calibration;
        private final double meanPrior;
        private final int labelled;
        private final double positiveRate;
        private final Backtest backtest;

        Model(
                Schema schema,
                List<TargetEncoder> encoders,
                GradientBoostedTrees trees,
                double priorWeight,
                PlattScaling calibration,
                double meanPrior,
                int labelled,
                double positiveRate,
                Backtest backtest) {
            this.schema = schema;
            this.encoders = List.copyOf(encoders);
            this.trees = trees;
            this.priorWeight = priorWeight;
            this.calibration = calibration;
            this.meanPrior = meanPrior;
            this.labelled = labelled;
            this.positiveRate = positiveRate;
            this.backtest = backtest;
        }

        /** Calibrated violation probability of every row. */
        public double[] probabilities(FeatureTable rows) {
            var categoricalColumns = schema.categoricalColumns(rows);
            var numericColumns = schema.numericColumns(rows);
            double[] p = new double[rows.rows()];
            IntStream.range(0, (rows.rows() + CHUNK - 1) / CHUNK).parallel().forEach(chunk -> {
                double[] buffer = new double[schema.width()];
                for (int i = chunk * CHUNK; i < Math.min(p.length, (chunk + 1) * CHUNK); i++) {
                    double margin = trees.margin(
                            schema.row(rows, categoricalColumns, numericColumns, encoders, null, i, buffer));
                    p[i] = calibration.probability(blend(margin, logitPrior(rows.prior(i)), priorWeight));
                }
            });
            return p;
        }

        /**
         * A row's probability and what each signal did to it, largest effect first, against a typical
         * row ({@link #typicalProbability}); the effects add up to the difference.
         */
        public Explained explain(FeatureTable rows, int i) {
            return explain(
                    rows,
                    schema.categoricalColumns(rows),
                    schema.numericColumns(rows),
                    i,
                    new double[schema.width()],
                    Integer.MAX_VALUE,
                    0);
        }

        /**
         * Every row's probability with its strongest effects: at most {@code limit} of them, each of
         * at least {@code smallest} probability points. One walk of the trees per row; parallel. The
         * probabilities equal {@link #probabilities}'s to the bit.
         */
        public Explanations explainAll(FeatureTable rows, int limit, double smallest) {
            var categoricalColumns = schema.categoricalColumns(rows);
            var numericColumns = schema.numericColumns(rows);
            var result = new Explanations(rows.rows(), limit, schema.groupNames());
            IntStream.range(0, (rows.rows() + CHUNK - 1) / CHUNK).parallel().forEach(chunk -> {
                double[] buffer = new double[schema.width()];
                for (int i = chunk * CHUNK; i < Math.min(rows.rows(), (chunk + 1) * CHUNK); i++) {
                    result.set(i, explain(rows, categoricalColumns, numericColumns, i, buffer, limit, smallest));
                }
            });
            return result;
        }

        private Explained explain(
                FeatureTable rows,
                List<IntFunction<String>> categoricalColumns,
                List<FeatureTable.Numeric> numericColumns,
                int i,
                double[] buffer,
                int limit,
                double smallest) {
            double[] x = schema.row(rows, categoricalColumns, numericColumns, encoders, null, i, buffer);
            double[] credit = new double[x.length];
            double margin = trees.contributions(x, credit);
            double priorLogit = logitPrior(rows.prior(i));
            double blended = blend(margin, priorLogit, priorWeight);
            double logit = calibration.logit(blended);
            double p = calibration.probability(blended);
            double reference = referenceLogit();
            double p0 = sigmoid(reference);
            // Log-odds effects become probability points along the secant from the typical row to this one.
            double slope = Math.abs(logit - reference) < 1e-9 ? p * (1 - p) : (p - p0) / (logit - reference);
            int[] groupOf = schema.groupOf();
            double[] byGroup = new double[schema.groupNames().length];
            double a = calibration.slope();
            for (int j = 0; j < credit.length; j++) {
                byGroup[groupOf[j]] += a * (1 - priorWeight) * credit[j] * slope;
            }
            byGroup[groupOf[credit.length - 1]] += a * priorWeight * (priorLogit - meanPrior) * slope;
            var effects = new ArrayList<Contribution>(4);
            for (int g = 0; g < byGroup.length; g++) {
                if (Math.abs(byGroup[g]) >= smallest && byGroup[g] != 0) {
                    effects.add(new Contribution(schema.groupNames()[g], byGroup[g]));
                }
            }
            effects.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.probability())));
            return new Explained(p, effects.size() > limit ? List.copyOf(effects.subList(0, limit)) : effects);
        }

        /** The probability of a row with no signal either way: the model's average view. */
        public double typicalProbability() {
            return sigmoid(referenceLogit());
        }

        private double referenceLogit() {
            return calibration.logit(blend(trees.expectedMargin(), meanPrior, priorWeight));
        }

        /** The risk profile learnt for a categorical column (for the words of a reason), if the model reads it. */
        public Optional<TargetEncoder> profile(String column) {
            int k = schema.categorical().indexOf(column);
            return k < 0 ? Optional.empty() : Optional.of(encoders.get(k));
        }

        public double priorWeight() {
            return priorWeight;
        }

        public PlattScaling calibration() {
            return calibration;
        }

        /** Labelled rows it learnt from. */
        public int labelled() {
            return labelled;
        }

        /** Share of violations among them. */
        public double positiveRate() {
            return positiveRate;
        }

        public Backtest backtest() {
            return backtest;
        }

        public List<String> categoricalColumns() {
            return schema.categorical();
        }

        public List<String> numericColumns() {
            return schema.numeric();
        }

        /** The model as a file keeps it. */
        public record Saved(
                double priorWeight,
                PlattScaling calibration,
                double meanPrior,
                int labelled,
                double positiveRate,
                List<String> categorical,
                List<String> numeric,
                List<String> groups,
                Backtest backtest,
                List<TargetEncoder.Saved> encoders,
                GradientBoostedTrees.Saved trees) {}

        public Saved saved() {
            return new Saved(
                    priorWeight,
                    calibration,
                    meanPrior,
                    labelled,
                    positiveRate,
                    schema.categorical(),
                    schema.numeric(),
                    schema.numericGroups(),
                    backtest,
                    encoders.stream().map(TargetEncoder::saved).toList(),
                    trees.saved());
        }

        /** The model {@link #saved} describes. */
        public static Model restore(Saved saved) {
            return new Model(
                    new Schema(saved.categorical(), saved.numeric(), saved.groups()),
                    saved.encoders().stream().map(TargetEncoder::restore).toList(),
                    GradientBoostedTrees.restore(saved.trees()),
                    saved.priorWeight(),
                    saved.calibration(),
                    saved.meanPrior(),
                    saved.labelled(),
                    saved.positiveRate(),
                    saved.backtest());
        }
    }

    static double sigmoid(double logit) {
        return 1 / (1 + Math.exp(-logit));
    }
}
