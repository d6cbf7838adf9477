package customs.risk.engine.ranking;

import java.util.function.LongToDoubleFunction;

/**
 * The scores from which a declaration goes to the red and to the yellow lane.
 *
 * @param red score from which an item is red
 * @param yellow score from which an item is yellow, at most {@code red}
 */
public record LaneCut(double red, double yellow) {

    /** A score of zero (no signal at all) is never enough for a lane, whatever the capacity. */
    static final double LEAST_SCORE = Double.MIN_VALUE;

    public LaneCut {
        if (!(yellow <= red)) {
            throw new IllegalArgumentException("need yellow <= red: " + yellow + " > " + red);
        }
    }

    public Lane laneOf(double score) {
        return score >= red ? Lane.RED : score >= yellow ? Lane.YELLOW : Lane.GREEN;
    }

    /**
     * Lanes by inspection capacity: the red lane takes the riskiest {@code redShare} of the
     * declarations, the yellow lane the next {@code yellowShare}. Items tied with the last one taken
     * go with it, so a lane may hold slightly more than its share; items without any signal (score
     * 0) stay green, so a lane may also hold fewer. Two lookups of {@code scoreAtRank}.
     *
     * @param count how many declarations are scored
     * @param scoreAtRank the score of the declaration at a rank, 1 being the riskiest
     */
    public static LaneCut byCapacity(
            long count, LongToDoubleFunction scoreAtRank, double redShare, double yellowShare) {
        if (!(redShare > 0 && yellowShare >= 0 && redShare + yellowShare <= 1)) {
            throw new IllegalArgumentException("need 0 < redShare, 0 <= yellowShare, redShare + yellowShare <= 1");
        }
        if (count == 0) {
            return new LaneCut(1, 1);
        }
        double red = Math.max(LEAST_SCORE, scoreAtRank.applyAsDouble(rank(redShare, count)));
        double yellow = yellowShare == 0
                ? red
                : Math.min(red, Math.max(LEAST_SCORE, scoreAtRank.applyAsDouble(rank(redShare + yellowShare, count))));
        return new LaneCut(red, yellow);
    }

    /** As {@link #byCapacity(long, LongToDoubleFunction, double, double)} on scores sorted riskiest first. */
    public static LaneCut byCapacity(double[] scoresRiskiestFirst, double redShare, double yellowShare) {
        return byCapacity(
                scoresRiskiestFirst.length, rank -> scoresRiskiestFirst[(int) rank - 1], redShare, yellowShare);
    }

    /** The rank of the last item within the share: at least the first, at most the last. */
    private static long rank(double share, long count) {
        return Math.max(1, Math.min(count, Math.round(share * count)));
    }
}
