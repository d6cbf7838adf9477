package customs.risk.engine.learning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Binary classifier: gradient-boosted regression trees on the logistic loss, with histogram
 * splits (Friedman, "Greedy function approximation: a gradient boosting machine", 2001; second-
 * order leaf values and split gains as in Chen and Guestrin, "XGBoost", 2016; quantile histograms
 * as in LightGBM). Missing values (NaN) learn their own direction at every split.
 *
 * <p>Fitting is O(T · D · n · f) for T trees of depth D over n rows and f features (one histogram
 * pass per level); prediction is O(T · D) per row. Deterministic for a given seed.
 */
public final class GradientBoostedTrees {

    /**
     * Settings.
     *
     * @param trees number of boosting rounds
     * @param maxDepth depth of each tree
     * @param learningRate shrinkage of each tree's contribution
     * @param minChildWeight least hessian sum in a leaf (about the number of rows at p = 0.5, times 0.25)
     * @param lambda L2 penalty on leaf values
     * @param rowSample share of rows drawn for each tree
     * @param featureSample share of features drawn for each tree
     * @param bins most histogram bins per feature (at most 255)
     * @param seed random seed
     */
    public record Settings(
            int trees,
            int maxDepth,
            double learningRate,
            double minChildWeight,
            double lambda,
            double rowSample,
            double featureSample,
            int bins,
            long seed) {

        public static final Settings DEFAULTS = new Settings(300, 5, 0.05, 5, 1.0, 0.8, 0.8, 64, 1);

        public Settings {
            if (trees < 1
                    || maxDepth < 1
                    || maxDepth > 12
                    || !(learningRate > 0)
                    || bins < 2
                    || bins > 255
                    || !(rowSample > 0 && rowSample <= 1)
                    || !(featureSample > 0 && featureSample <= 1)) {
                throw new IllegalArgumentException("invalid boosting settings: " + this);
            }
        }
    }

    public record Node(int feature, double threshold, boolean missingLeft, int left, int right, double value) {
        boolean leaf() {
            return feature < 0;
        }
    }

    private final double base;
    private final List<Node[]> trees;
    private final int features;
    /** Asked once per explained row: summed once. */
    private final double expectedMargin;

    private GradientBoostedTrees(double base, List<Node[]> trees, int features) {
        this.base = base;
        this.trees = trees;
        this.features = features;
        double margin = base;
        for (Node[] tree : trees) {
            margin += tree[0].value();
        }
        this.expectedMargin = margin;
    }

    /**
     * Fits the model.
     *
     * @param x rows of features (NaN for missing), all of the same length
     * @param y labels, 0 or 1
     */
    public static GradientBoostedTrees fit(double[][] x, int[] y, Settings settings) {
        int n = x.length;
        if (n == 0 || y.length != n) {
            throw new IllegalArgumentException("need as many labels as rows, and at least one row");
        }
        int f = x[0].length;
        var binning = Binning.of(x, settings.bins());
        double positives = Arrays.stream(y).sum();
        double prior = Math.min(1 - 1e-6, Math.max(1e-6, positives / n));
        double base = Math.log(prior / (1 - prior));
        double[] margin = new double[n];
        Arrays.fill(margin, base);
        double[] gradient = new double[n];
        double[] hessian = new double[n];
        var random = new SplittableRandom(settings.seed());
        var trees = new ArrayList<Node[]>();
        for (int t = 0; t < settings.trees(); t++) {
            for (int i = 0; i < n; i++) {
                double p = 1 / (1 + Math.exp(-margin[i]));
                gradient[i] = p - y[i];
                hessian[i] = Math.max(p * (1 - p), 1e-12);
            }
            int[] rows = sample(n, settings.rowSample(), random);
            boolean[] useFeature = new boolean[f];
            int chosen = 0;
            for (int j = 0; j < f; j++) {
                useFeature[j] = random.nextDouble() < settings.featureSample();
                chosen += useFeature[j] ? 1 : 0;
            }
            if (chosen == 0) {
                useFeature[random.nextInt(f)] = true;
            }
            var tree = new TreeBuilder(binning, gradient, hessian, useFeature, settings).build(rows);
            trees.add(tree);
            for (int i = 0; i < n; i++) {
                margin[i] += evaluate(tree, x[i]);
            }
        }
        return new GradientBoostedTrees(base, trees, f);
    }

    /** Probability of class 1 for {@code row}. */
    public double predict(double[] row) {
        return 1 / (1 + Math.exp(-margin(row)));
    }

    /** The log-odds of class 1 for {@code row}. */
    public double margin(double[] row) {
        if (row.length != features) {
            throw new IllegalArgumentException("expected " + features + " features, got " + row.length);
        }
        double margin = base;
        for (Node[] tree : trees) {
            margin += evaluate(tree, row);
        }
        return margin;
    }

    /**
     * How much each feature moved the log-odds of {@code row} away from the model's average, by
     * path attribution (Saabas, "Interpreting random forests", 2014): along the path of every tree,
     * the change in node value at a split is credited to the split's feature. The contributions,
     * written to {@code credit}, add up to {@code margin(row) - expectedMargin()}. O(T · D).
     *
     * @return {@code margin(row)}, summed as {@link #margin} sums it (so the two agree to the bit)
     */
    public double contributions(double[] row, double[] credit) {
        if (row.length != features || credit.length != features) {
            throw new IllegalArgumentException("expected " + features + " features, got " + row.length);
        }
        Arrays.fill(credit, 0);
        double margin = base;
        for (Node[] tree : trees) {
            Node node = tree[0];
            while (!node.leaf()) {
                double v = row[node.feature()];
                boolean left = Double.isNaN(v) ? node.missingLeft() : v <= node.threshold();
                Node next = tree[left ? node.left() : node.right()];
                credit[node.feature()] += next.value() - node.value();
                node = next;
            }
            margin += node.value();
        }
        return margin;
    }

    /** The log-odds before any feature is read: the base plus every tree's root value. */
    public double expectedMargin() {
        return expectedMargin;
    }

    public int features() {
        return features;
    }

    /**
     * The model as a file keeps it.
     *
     * @param trees each tree's nodes, its root first
     */
    public record Saved(double base, int features, List<Node[]> trees) {}

    public Saved saved() {
        return new Saved(base, features, trees);
    }

    /** The model {@link #saved} describes. */
    public static GradientBoostedTrees restore(Saved saved) {
        return new GradientBoostedTrees(saved.base(), List.copyOf(saved.trees()), saved.features());
    }

    private static double evaluate(Node[] tree, double[] row) {
        Node node = tree[0];
        while (!node.leaf()) {
            double v = row[node.feature()];
            boolean left = Double.isNaN(v) ? node.missingLeft() : v <= node.threshold();
            node = tree[left ? node.left() : node.right()];
        }
        return node.value();
    }

    private static int[] sample(int n, double share, SplittableRandom random) {
        if (share >= 1) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] rows = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < share) {
                rows[k++] = i;
            }
        }
        return Arrays.copyOf(rows, k);
    }

    /** Quantile bins per feature: bin 0 holds missing values, bins 1.. hold ranges up to a cut. */
    private record Binning(byte[][] binOf, double[][] cuts) {

        static Binning of(double[][] x, int bins) {
            int n = x.length;
            int f = x[0].length;
            byte[][] binOf = new byte[f][n];
            double[][] cuts = new double[f][];
            double[] column = new double[n];
            for (int j = 0; j < f; j++) {
                int m = 0;
                for (double[] row : x) {
                    if (!Double.isNaN(row[j])) {
                        column[m++] = row[j];
                    }
                }
                double[] sorted = Arrays.copyOf(column, m);
                Arrays.sort(sorted);
                var distinct = new ArrayList<Double>();
                for (int b = 1; b < bins && m > 0; b++) {
                    double cut = sorted[(int) Math.min(m - 1, (long) b * m / bins)];
                    if (distinct.isEmpty() || cut > distinct.getLast()) {
                        distinct.add(cut);
                    }
                }
                cuts[j] = distinct.stream().mapToDouble(Double::doubleValue).toArray();
                for (int i = 0; i < n; i++) {
                    double v = x[i][j];
                    if (Double.isNaN(v)) {
                        binOf[j][i] = 0;
                    } else {
                        int pos = Arrays.binarySearch(cuts[j], v);
                        int bin = pos >= 0 ? pos : -pos - 1;
                        binOf[j][i] = (byte) (bin + 1);
                    }
                }
            }
            return new Binning(binOf, cuts);
        }

        int binsOf(int feature) {
            return cuts[feature].length + 2;
        }

        /** The largest value of bin {@code bin} (bin b >= 1 covers values up to cuts[b - 1]). */
        double upperEdge(int feature, int bin) {
            double[] c = cuts[feature];
            return bin - 1 < c.length ? c[bin - 1] : Double.POSITIVE_INFINITY;
        }
    }

    /** Grows one tree level by level from the gradient statistics. */
    private static final class TreeBuilder {
        private final Binning binning;
        private final double[] g;
        private final double[] h;
        private final boolean[] useFeature;
        private final Settings settings;
        private final List<Node> nodes = new ArrayList<>();

        TreeBuilder(Binning binning, double[] g, double[] h, boolean[] useFeature, Settings settings) {
            this.binning = binning;
            this.g = g;
            this.h = h;
            this.useFeature = useFeature;
            this.settings = settings;
        }

        Node[] build(int[] rows) {
            grow(rows, 0);
            return nodes.toArray(Node[]::new);
        }

        private int grow(int[] rows, int depth) {
            int index = nodes.size();
            nodes.add(null);
            double sumG = 0;
            double sumH = 0;
            for (int i : rows) {
                sumG += g[i];
                sumH += h[i];
            }
            double leafValue = -sumG / (sumH + settings.lambda()) * settings.learningRate();
            Split best = depth < settings.maxDepth() ? bestSplit(rows, sumG, sumH) : null;
            if (best == null) {
                nodes.set(index, new Node(-1, 0, false, -1, -1, leafValue));
                return index;
            }
            int[] left = new int[rows.length];
            int[] right = new int[rows.length];
            int nl = 0;
            int nr = 0;
            byte[] bins = binning.binOf()[best.feature];
            for (int i : rows) {
                int b = bins[i] & 0xFF;
                boolean goLeft = b == 0 ? best.missingLeft : b <= best.bin;
                if (goLeft) {
                    left[nl++] = i;
                } else {
                    right[nr++] = i;
                }
            }
            int l = grow(Arrays.copyOf(left, nl), depth + 1);
            int r = grow(Arrays.copyOf(right, nr), depth + 1);
            nodes.set(
                    index,
                    new Node(
                            best.feature,
                            binning.upperEdge(best.feature, best.bin),
                            best.missingLeft,
                            l,
                            r,
                            leafValue));
            return index;
        }

        private record Split(int feature, int bin, boolean missingLeft, double gain) {}

        private Split bestSplit(int[] rows, double sumG, double sumH) {
            double lambda = settings.lambda();
            double parent = sumG * sumG / (sumH + lambda);
            Split best = null;
            for (int j = 0; j < useFeature.length; j++) {
                if (!useFeature[j]) {
                    continue;
                }
                int bins = binning.binsOf(j);
                double[] hg = new double[bins];
                double[] hh = new double[bins];
                byte[] binOf = binning.binOf()[j];
                for (int i : rows) {
                    int b = binOf[i] & 0xFF;
                    hg[b] += g[i];
                    hh[b] += h[i];
                }
                double missG = hg[0];
                double missH = hh[0];
                double leftG = 0;
                double leftH = 0;
                for (int b = 1; b < bins - 1; b++) {
                    leftG += hg[b];
                    leftH += hh[b];
                    for (boolean missingLeft : new boolean[] {true, false}) {
                        double lg = leftG + (missingLeft ? missG : 0);
                        double lh = leftH + (missingLeft ? missH : 0);
                        double rg = sumG - lg;
                        double rh = sumH - lh;
                        if (lh < settings.minChildWeight() || rh < settings.minChildWeight()) {
                            continue;
                        }
                        double gain = lg * lg / (lh + lambda) + rg * rg / (rh + lambda) - parent;
                        if (gain > 1e-9 && (best == null || gain > best.gain)) {
                            best = new Split(j, b, missingLeft, gain);
                        }
                    }
                }
            }
            return best;
        }
    }
}
