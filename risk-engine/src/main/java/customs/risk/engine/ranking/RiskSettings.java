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
 * @param redShare when positive, declarations go to the red lane by inspection capacity instead of
 *     by threshold: the riskiest this share of them (see {@link LaneCut#byCapacity})
 * @param yellowShare with {@code redShare}, the share of declarations after the red ones that go to
 *     the yellow lane (documentary check)
 */
public record RiskSettings(double redThreshold, double yellowThreshold, double priceZThreshold, int minPeers,
        double explorationShare, double redShare, double yellowShare) {

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
        if (!(redShare >= 0 && yellowShare >= 0 && redShare + yellowShare <= 1)) {
            throw new IllegalArgumentException("redShare and yellowShare must be at least 0 and add up to at most 1");
        }
        if (redShare == 0 && yellowShare > 0) {
            throw new IllegalArgumentException("yellowShare needs a redShare");
        }
    }

    /** Lanes by thresholds only. */
    public RiskSettings(double redThreshold, double yellowThreshold, double priceZThreshold, int minPeers,
            double explorationShare) {
        this(redThreshold, yellowThreshold, priceZThreshold, minPeers, explorationShare, 0, 0);
    }

    public Lane laneOf(double score) {
        return thresholds().laneOf(score);
    }

    /** The lanes by the configured thresholds. */
    public LaneCut thresholds() {
        return new LaneCut(redThreshold, yellowThreshold);
    }

    /** Declarations go to lanes by inspection capacity rather than by threshold. */
    public boolean byCapacity() {
        return redShare > 0;
    }

    public RiskSettings withExplorationShare(double share) {
        return new RiskSettings(redThreshold, yellowThreshold, priceZThreshold, minPeers, share, redShare, yellowShare);
    }
}
