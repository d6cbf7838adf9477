package customs.risk.engine.evaluation;

import customs.risk.engine.learning.RankingMetrics;
import customs.risk.engine.ranking.ScoredItem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Selection figures of a ranking as a risk officer reads it, riskiest first: if the n% riskiest
 * declarations are inspected, the share of violations among them (precision@n%), the share of all
 * violations they hold (recall@n%), the share of recoverable revenue they hold (revenue@n%).
 */
public final class SelectionFigures {

    public static final double[] SHARES = {0.01, 0.02, 0.05, 0.10};

    /**
     * The figures at each of {@link #SHARES}.
     *
     * @param rows ranked items that have a label
     * @param violations of them, found in violation
     */
    public record Figures(int rows, int violations, double[] precision, double[] recall, double[] revenue) {}

    private SelectionFigures() {}

    /**
     * @param ranking items riskiest first, in the order shown (ties keep that order)
     * @param labels per item id, true for a violation; items without a label are left out
     * @param revenue per item id, what an inspection would recover (missing: 0)
     */
    public static Figures of(List<ScoredItem> ranking, Map<String, Boolean> labels, Map<String, Double> revenue) {
        var labelled =
                ranking.stream().filter(item -> labels.containsKey(item.id())).toList();
        int n = labelled.size();
        double[] order = new double[n];
        int[] y = new int[n];
        double[] money = new double[n];
        for (int i = 0; i < n; i++) {
            String id = labelled.get(i).id();
            order[i] = n - i;
            y[i] = labels.get(id) ? 1 : 0;
            money[i] = y[i] * revenue.getOrDefault(id, 0.0);
        }
        double[] precision = new double[SHARES.length];
        double[] recall = new double[SHARES.length];
        double[] rev = new double[SHARES.length];
        for (int k = 0; k < SHARES.length && n > 0; k++) {
            precision[k] = RankingMetrics.precisionAt(order, y, SHARES[k]);
            recall[k] = RankingMetrics.recallAt(order, y, SHARES[k]);
            rev[k] = RankingMetrics.revenueAt(order, money, SHARES[k]);
        }
        int violations = 0;
        for (int v : y) {
            violations += v;
        }
        return new Figures(n, violations, precision, recall, rev);
    }

    /**
     * The share of the top {@code share} of {@code ranking} whose score another item of that top
     * also has: 0 when every score there is distinct.
     */
    public static double tiedShare(List<ScoredItem> ranking, double share) {
        int k = RankingMetrics.inspected(Math.max(1, ranking.size()), share);
        var counts = new HashMap<Double, Integer>();
        ranking.stream().limit(k).forEach(item -> counts.merge(item.score(), 1, Integer::sum));
        long tied = ranking.stream()
                .limit(k)
                .filter(item -> counts.get(item.score()) > 1)
                .count();
        return ranking.isEmpty() ? 0 : (double) tied / Math.min(k, ranking.size());
    }
}
