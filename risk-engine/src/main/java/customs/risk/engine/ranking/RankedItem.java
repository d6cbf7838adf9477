package customs.risk.engine.ranking;

/**
 * A row of a ranking as a person reads it: the scored item with the names behind its ids.
 *
 * @param item id, score, lane and reasons
 * @param name the company's name; empty for a declaration, or a company nobody named (a placeholder)
 * @param country the company's country, or the declaration's country of origin; empty when unknown
 * @param seller the declaration's seller; null for a company
 * @param buyer the declaration's buyer; null for a company
 * @param inFinding the company is in a trade loop or shell cluster the last full scoring found, whose
 *     evidence can be drawn; false for a declaration
 */
public record RankedItem(ScoredItem item, String name, String country, Party seller, Party buyer, boolean inFinding) {

    /** A company on a declaration; {@code name} is empty when nobody named it. */
    public record Party(String id, String name) {}
}
