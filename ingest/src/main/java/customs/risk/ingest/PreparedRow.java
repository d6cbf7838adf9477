package customs.risk.ingest;

import java.util.Map;

/**
 * A valid row on its way to the graph.
 *
 * @param line line number in its file, for the report
 * @param key the business key of the node the row describes
 * @param props node properties (model names), nulls meaning "absent"
 */
record PreparedRow(long line, String key, Map<String, Object> props) {

    Map<String, Object> asParameter() {
        return Map.of("key", key, "props", props);
    }
}
