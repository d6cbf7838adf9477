package customs.risk.engine.ranking;

/**
 * Thresholds of the scoring.
 *
 * @param redThreshold score from which an item goes to the red lane
 * @param yellowThreshold score from which an item goes to the yellow lane
 * @param priceZThreshold robust z from which a unit price counts as deviating
 * @param minPeers fewest items of a peer group for price comparisons
 */
public record RiskSettings(double redThreshold, double yellowThreshold, double priceZThreshold, int minPeers) {

    public static final RiskSettings DEFAULTS = new RiskSettings(0.7, 0.4, 3.0, 20);

    public RiskSettings {
        if (!(0 < yellowThreshold && yellowThreshold < redThreshold && redThreshold <= 1)) {
            throw new IllegalArgumentException("need 0 < yellowThreshold < redThreshold <= 1");
        }
        if (!(priceZThreshold > 0) || minPeers < 3) {
            throw new IllegalArgumentException("priceZThreshold must be positive and minPeers at least 3");
        }
    }

    public Lane laneOf(double score) {
        return score >= redThreshold ? Lane.RED : score >= yellowThreshold ? Lane.YELLOW : Lane.GREEN;
    }
}
