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
 * @param entityRedShare when positive, companies go to the red lane by what a team can look into:
 *     the riskiest this share of them, instead of those above {@code redThreshold}
 * @param entityYellowShare with {@code entityRedShare}, the share of companies after the red ones
 *     that go to the yellow lane
 */
public record RiskSettings(
        double redThreshold,
        double yellowThreshold,
        double priceZThreshold,
        int minPeers,
        double explorationShare,
        double redShare,
        double yellowShare,
        double entityRedShare,
        double entityYellowShare) {

    public static final double ENTITY_RED_SHARE_DEFAULT = 0.01;
    public static final double ENTITY_YELLOW_SHARE_DEFAULT = 0.04;
    /** Inspection capacity assumed when learning, unless lanes go by capacity. */
    public static final double CAPACITY_DEFAULT = 0.05;

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
        if (!(entityRedShare >= 0 && entityYellowShare >= 0 && entityRedShare + entityYellowShare <= 1)
                || entityRedShare == 0 && entityYellowShare > 0) {
            throw new IllegalArgumentException("entityRedShare and entityYellowShare must be at least 0, add up to"
                    + " at most 1, and entityYellowShare needs an entityRedShare");
        }
    }

    /** Declaration lanes by these shares, company lanes by the default shares. */
    public RiskSettings(
            double redThreshold,
            double yellowThreshold,
            double priceZThreshold,
            int minPeers,
            double explorationShare,
            double redShare,
            double yellowShare) {
        this(
                redThreshold,
                yellowThreshold,
                priceZThreshold,
                minPeers,
                explorationShare,
                redShare,
                yellowShare,
                ENTITY_RED_SHARE_DEFAULT,
                ENTITY_YELLOW_SHARE_DEFAULT);
    }

    /** Declaration lanes by thresholds, company lanes by the default shares. */
    public RiskSettings(
            double redThreshold,
            double yellowThreshold,
            double priceZThreshold,
            int minPeers,
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

    /** Share of declarations that can be inspected: the red share, or {@link #CAPACITY_DEFAULT}. */
    public double capacity() {
        return redShare > 0 ? redShare : CAPACITY_DEFAULT;
    }

    public RiskSettings withExplorationShare(double share) {
        return new RiskSettings(
                redThreshold,
                yellowThreshold,
                priceZThreshold,
                minPeers,
                share,
                redShare,
                yellowShare,
                entityRedShare,
                entityYellowShare);
    }
}
