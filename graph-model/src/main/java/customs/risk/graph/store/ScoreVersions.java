package customs.risk.graph.store;

import java.util.Map;

/**
 * A counter per label of scored nodes that every change of stored scores raises (scoring, a
 * corrected declaration losing its score, a merged company losing its own): what is computed over
 * all scores, such as the score chart of ten million declarations, is kept until it moves.
 */
public final class ScoreVersions {

    private ScoreVersions() {}

    /** Raises the counter of {@code label} ({@code Declaration}, {@code Company}) after its scores changed. */
    public static void raise(Graph graph, String label) {
        graph.update(tx -> tx.run(
                        "MERGE (v:ScoreVersion {label: $label}) SET v.version = coalesce(v.version, 0) + 1",
                        Map.of("label", label))
                .consume());
    }

    /**
     * The counter of {@code label}, 0 before any change. Two writers may each have created a counter
     * node (no constraint guards it): their sum still moves at every raise.
     */
    public static long current(Graph graph, String label) {
        return graph.query(
                        "MATCH (v:ScoreVersion {label: $label}) RETURN coalesce(sum(v.version), 0) AS version",
                        Map.of("label", label))
                .getFirst()
                .get("version")
                .asLong();
    }
}
