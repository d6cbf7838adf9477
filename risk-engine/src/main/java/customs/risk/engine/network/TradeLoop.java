package customs.risk.engine.network;

import java.time.LocalDate;
import java.util.List;

/**
 * Goods of one HS heading that left a controlling party and came back to it, repeatedly and more
 * often than the parties' own trade would line up by chance.
 *
 * @param companies the companies the goods passed through, in loop order from the first seller
 * @param hs4 the HS heading moved
 * @param rounds how many times the goods went round, each round in time order within the window
 * @param firstFiled first filing date of the first round
 * @param lastFiled last filing date of the last round
 * @param valueInflation median over rounds of the value of the leg that closes the loop divided by
 *     the value of the leg that opens it (above 1: the goods came back dearer)
 * @param closedByControlLink true when at least one hand-over happens inside a controlling party
 *     (a shared officer, address or phone) rather than by a declared sale
 * @param declarationIds the declarations of all rounds
 * @param expectedRounds rounds the same shipments give by chance: the average over shuffles of their
 *     filing dates (see {@link CircularTradeDetector}), never below half a round over all shuffles
 * @param pValue probability of at least {@code rounds} rounds for a Poisson count with mean
 *     {@code expectedRounds}; the smaller, the less the loop is chance
 */
public record TradeLoop(
        List<String> companies,
        String hs4,
        int rounds,
        LocalDate firstFiled,
        LocalDate lastFiled,
        double valueInflation,
        boolean closedByControlLink,
        List<String> declarationIds,
        double expectedRounds,
        double pValue) {

    public TradeLoop {
        if (!(expectedRounds >= 0)) {
            throw new IllegalArgumentException("expectedRounds must not be negative: " + expectedRounds);
        }
        if (!(pValue >= 0 && pValue <= 1)) {
            throw new IllegalArgumentException("pValue must be within [0, 1]: " + pValue);
        }
    }

    /** Rounds beyond what chance gives: {@code rounds - expectedRounds}. */
    public double excessRounds() {
        return rounds - expectedRounds;
    }

    /**
     * The reason in words, e.g. "in a 2-company loop moving HS 8471 5 times (2024-01-03 to
     * 2024-11-20) where its own trade would give 0.4 by chance, value x1.35 on return".
     */
    public String describe() {
        return String.format(
                "in a %d-company loop%s moving HS %s %d times (%s to %s) where its own trade would give"
                        + " %.1f by chance, value x%.2f on return",
                companies.size(),
                closedByControlLink ? " closed through shared control" : "",
                hs4,
                rounds,
                firstFiled,
                lastFiled,
                expectedRounds,
                valueInflation);
    }
}
