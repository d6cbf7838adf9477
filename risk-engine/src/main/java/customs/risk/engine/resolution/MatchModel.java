package customs.risk.engine.resolution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Logistic regression over the features of a {@link Comparison}, with the two cuts that turn its
 * probability into a decision: at or above {@code autoMerge} two records are merged without asking,
 * from {@code review} up to it a person decides, below it they stay apart.
 *
 * @param weights intercept first, then one weight per feature of {@link Comparison#FEATURES}
 * @param autoMerge the lowest probability whose merges were at least {@link #CUT_PRECISION} precise
 *     on the labelled pairs, out of fold
 * @param review the probability above which 99 % of the labelled matches lie, out of fold, and at
 *     most {@link #REVIEW_AT_MOST}
 * @param labelledPairs how many labelled pairs the model was fitted on
 */
public record MatchModel(double[] weights, double autoMerge, double review, int labelledPairs) {

    /** The pairwise precision auto-merges are to reach. */
    public static final double PRECISION_TARGET = 0.98;

    /**
     * The precision the cut is chosen for on the labelled pairs, above the target: merges chain
     * (the pairs of a party of three are three), and other data has other look-alikes.
     */
    static final double CUT_PRECISION = 0.99;

    /**
     * Pairs at least this likely always reach a person: with a hundred or so labelled matches, the
     * probability above which 99% of them lie moves from one labelled set to the next.
     */
    static final double REVIEW_AT_MOST = 0.1;

    private static final double RIDGE = 0.5;
    private static final int FOLDS = 5;

    public MatchModel {
        weights = weights.clone();
    }

    public double probability(Comparison c) {
        return c.veto != null ? 0 : probability(weights, c.features);
    }

    private static double probability(double[] w, double[] x) {
        double z = w[0];
        for (int i = 0; i < x.length; i++) {
            z += w[i + 1] * x[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** One labelled comparison: the features, whether the records are one firm, and how much it counts. */
    record Example(Comparison comparison, boolean match, double weight) {}

    /**
     * Fits the weights on all examples and chooses the cuts from out-of-fold probabilities, so that
     * the precision promised is the precision of pairs the model had not seen.
     */
    static MatchModel fit(List<Example> examples) {
        if (examples.stream().noneMatch(Example::match) || examples.stream().allMatch(Example::match)) {
            throw new IllegalArgumentException("labelled pairs need both matches and non-matches");
        }
        var shuffled = new ArrayList<>(examples);
        java.util.Collections.shuffle(shuffled, new Random(17));
        double[] outOfFold = new double[shuffled.size()];
        for (int fold = 0; fold < FOLDS; fold++) {
            var train = new ArrayList<Example>();
            for (int i = 0; i < shuffled.size(); i++) {
                if (i % FOLDS != fold) {
                    train.add(shuffled.get(i));
                }
            }
            double[] w = weights(train);
            for (int i = fold; i < shuffled.size(); i += FOLDS) {
                var c = shuffled.get(i).comparison();
                outOfFold[i] = c.veto != null ? 0 : probability(w, c.features);
            }
        }
        Integer[] order = new Integer[shuffled.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -outOfFold[i]));
        double matches = shuffled.stream()
                .filter(Example::match)
                .mapToDouble(Example::weight)
                .sum();
        double truePositives = 0;
        double all = 0;
        double autoMerge = 1;
        double review = 0;
        boolean reviewSet = false;
        for (int rank = 0; rank < order.length; rank++) {
            var e = shuffled.get(order[rank]);
            double p = outOfFold[order[rank]];
            all += e.weight();
            if (e.match()) {
                truePositives += e.weight();
            }
            boolean lastOfTies = rank + 1 == order.length || outOfFold[order[rank + 1]] < p;
            if (!lastOfTies || p <= 0) {
                continue;
            }
            if (truePositives / all >= CUT_PRECISION) {
                autoMerge = p;
            }
            if (!reviewSet && truePositives >= 0.99 * matches) {
                review = p;
                reviewSet = true;
            }
        }
        review = Math.min(autoMerge, Math.max(0.02, Math.min(review, REVIEW_AT_MOST)));
        return new MatchModel(weights(shuffled), autoMerge, review, examples.size());
    }

    /** Newton's method on the L2-penalised log-likelihood (the intercept is not penalised). */
    private static double[] weights(List<Example> examples) {
        int d = Comparison.FEATURES.length + 1;
        double[] w = new double[d];
        for (int iteration = 0; iteration < 30; iteration++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (var e : examples) {
                double[] x = withIntercept(e.comparison().features);
                double p = probability(w, e.comparison().features);
                double r = e.weight() * ((e.match() ? 1 : 0) - p);
                double s = e.weight() * p * (1 - p);
                for (int i = 0; i < d; i++) {
                    gradient[i] += r * x[i];
                    for (int j = 0; j < d; j++) {
                        hessian[i][j] += s * x[i] * x[j];
                    }
                }
            }
            for (int i = 1; i < d; i++) {
                gradient[i] -= RIDGE * w[i];
                hessian[i][i] += RIDGE;
            }
            hessian[0][0] += 1e-9;
            double[] step = solve(hessian, gradient);
            double change = 0;
            for (int i = 0; i < d; i++) {
                w[i] += step[i];
                change = Math.max(change, Math.abs(step[i]));
            }
            if (change < 1e-6) {
                break;
            }
        }
        return w;
    }

    private static double[] withIntercept(double[] features) {
        double[] x = new double[features.length + 1];
        x[0] = 1;
        System.arraycopy(features, 0, x, 1, features.length);
        return x;
    }

    /** Gaussian elimination with partial pivoting. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
                    pivot = row;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            if (Math.abs(m[col][col]) < 1e-12) {
                continue;
            }
            for (int row = col + 1; row < n; row++) {
                double f = m[row][col] / m[col][col];
                for (int k = col; k <= n; k++) {
                    m[row][k] -= f * m[col][k];
                }
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = m[i][n];
            for (int k = i + 1; k < n; k++) {
                s -= m[i][k] * x[k];
            }
            x[i] = Math.abs(m[i][i]) < 1e-12 ? 0 : s / m[i][i];
        }
        return x;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatchModel m
                && Arrays.equals(weights, m.weights)
                && autoMerge == m.autoMerge
                && review == m.review
                && labelledPairs == m.labelledPairs;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weights) * 31 + Double.hashCode(autoMerge);
    }

    @Override
    public String toString() {
        return "MatchModel[autoMerge=%.3f, review=%.3f, labelledPairs=%d, weights=%s]"
                .formatted(autoMerge, review, labelledPairs, Arrays.toString(weights));
    }
}
