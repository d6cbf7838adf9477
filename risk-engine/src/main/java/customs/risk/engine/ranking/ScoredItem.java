package customs.risk.engine.ranking;

import java.util.List;

/**
 * A declaration or an entity with its risk.
 *
 * @param id declaration or company id
 * @param score 0 to 1
 * @param lane the lane the score puts it in
 * @param reasons why, strongest first, with the numbers behind them
 */
public record ScoredItem(String id, double score, Lane lane, List<String> reasons) {

    public ScoredItem {
        reasons = List.copyOf(reasons);
    }
}
