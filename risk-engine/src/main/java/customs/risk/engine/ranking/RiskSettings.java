package customs.risk.engine.ranking;

/**
 * Thresholds of the scoring.
 *
 * @param redThreshold score from which an item goes to the red lane
 * @param yellowThreshold score from which an item goes to the yellow lane
 * @param priceZThreshold robust z from which a unit price counts as deviating
 * @param minPeers fewest items of a peer group for price comparisons
 * @param explorationShare share of declarations sent to the red lane at random, whatever their
 *     score, so that inspections also see what the model thinks safe and the outcomes it learns
 *     from are not only those of its own choices (0 turns it off)
 */
public record RiskSettings(double redThreshold, double yellowThreshold, double priceZThreshold, int minPeers,
        double explorationShare) {

    public static final RiskSettings DEFAULTS = new RiskSettings(0.7, 0.4, 3.0, 20, 0.01);

    public RiskSettings {
        if (!(0 < yellowThreshold && yellowThreshold < redThreshold && redThreshold <= 1)) {
            throw new IllegalArgumentException("need 0 < yellowThreshold < redThreshold <= 1");
        }
        if (!(priceZThreshold > 0) || minPeers < 3) {
            throw new IllegalArgumentException("priceZThreshold must be positive and minPeers at least 3");
        }
        if (!(explorationShare >= 0 && explorationShare < 0.5)) {
            throw new IllegalArgumentException("explorationShare must be within [0, 0.5): " + explorationShare);
        }
    }

    public Lane laneOf(double score) {
        return score >= redThreshold ? Lane.RED : score >= yellowThreshold ? Lane.YELLOW : Lane.GREEN;
    }

    public RiskSettings withExplorationShare(double share) {
        return new RiskSettings(redThreshold, yellowThreshold, priceZThreshold, minPeers, share);
    }
}
