package customs.risk.engine.network;

import java.time.LocalDate;
import java.util.List;

/**
 * Goods of one HS heading that left a controlling party and came back to it, repeatedly.
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
 */
public record TradeLoop(
        List<String> companies, String hs4, int rounds, LocalDate firstFiled, LocalDate lastFiled,
        double valueInflation, boolean closedByControlLink, List<String> declarationIds) {

    /** The reason in words, e.g. "in a 3-company loop moving HS 8471 5 times (2024-01-03 to 2024-11-20)...". */
    public String describe() {
        return String.format("in a %d-company loop%s moving HS %s %d times (%s to %s), value x%.2f on return",
                companies.size(), closedByControlLink ? " closed through shared control" : "", hs4, rounds,
                firstFiled, lastFiled, valueInflation);
    }
}
