package customs.risk.engine.learning;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Customs selection metrics over a ranking (Kim et al., "DATE: Dual Attentive Tree-aware Embedding
 * for customs fraud detection", KDD 2020; Jeong et al., arXiv:2208.02484): if the n% riskiest items
 * are inspected, precision@n% is the share of violations among them, recall@n% the share of all
 * violations they hold, revenue@n% the share of recoverable revenue they hold. Ties keep input order.
 */
public final class RankingMetrics {

    private RankingMetrics() {}

    /** Number of items inspected at {@code share} (at least 1). */
    public static int inspected(int total, double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be within (0, 1]: " + share);
        }
        return Math.max(1, (int) Math.round(total * share));
    }

    public static double precisionAt(double[] scores, int[] labels, double share) {
        int[] top = top(scores, share);
        return (double) Arrays.stream(top).map(i -> labels[i]).sum() / top.length;
    }

    public static double recallAt(double[] scores, int[] labels, double share) {
        int positives = Arrays.stream(labels).sum();
        if (positives == 0) {
            return Double.NaN;
        }
        return (double) Arrays.stream(top(scores, share)).map(i -> labels[i]).sum() / positives;
    }

    public static double revenueAt(double[] scores, double[] revenue, double share) {
        double total = Arrays.stream(revenue).sum();
        if (total <= 0) {
            return Double.NaN;
        }
        return Arrays.stream(top(scores, share)).mapToDouble(i -> revenue[i]).sum() / total;
    }

    /**
     * Average precision: the mean, over the violations, of the precision of the ranking down to each
     * of them; 1 when every violation ranks above every clean item, about the violation rate for a
     * random ranking. NaN without violations.
     */
    public static double averagePrecision(double[] scores, int[] labels) {
        int[] order = top(scores, 1.0);
        double sum = 0;
        int found = 0;
        for (int rank = 0; rank < order.length; rank++) {
            if (labels[order[rank]] == 1) {
                found++;
                sum += (double) found / (rank + 1);
            }
        }
        return found == 0 ? Double.NaN : sum / found;
    }

    private static int[] top(double[] scores, double share) {
        int k = inspected(scores.length, share);
        return IntStream.range(0, scores.length)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> scores[i]).reversed())
                .limit(k)
                .mapToInt(Integer::intValue)
                .toArray();
    }
}
