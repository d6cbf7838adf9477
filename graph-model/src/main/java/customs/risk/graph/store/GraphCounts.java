package customs.risk.graph.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.neo4j.driver.Driver;

/** Node counts of the main kinds, as {@code ./risk stats} and {@code GET /api/stats} report them. */
public record GraphCounts(
        long companies,
        long people,
        long declarations,
        long offices,
        long inspections,
        long documents,
        long placeholders) {

    // Label counts come from Neo4j's count store: constant time whatever the size of the graph.
    private static final String QUERY = """
            CALL { MATCH (n:Company) RETURN count(n) AS companies }
            CALL { MATCH (n:Person) RETURN count(n) AS people }
            CALL { MATCH (n:Declaration) RETURN count(n) AS declarations }
            CALL { MATCH (n:Office) RETURN count(n) AS offices }
            CALL { MATCH (n:Inspection) RETURN count(n) AS inspections }
            CALL { MATCH (n:Document) RETURN count(n) AS documents }
            CALL { MATCH (n:Placeholder) RETURN count(n) AS placeholders }
            RETURN companies, people, declarations, offices, inspections, documents, placeholders
            """;

    public static GraphCounts read(Driver driver) {
        var r = new Graph(driver).query(QUERY, java.util.Map.of()).getFirst();
        return new GraphCounts(
                r.get("companies").asLong(),
                r.get("people").asLong(),
                r.get("declarations").asLong(),
                r.get("offices").asLong(),
                r.get("inspections").asLong(),
                r.get("documents").asLong(),
                r.get("placeholders").asLong());
    }

    /** The counts in a fixed key order, ready to print as JSON. */
    public Map<String, Long> asMap() {
        var map = new LinkedHashMap<String, Long>();
        map.put("companies", companies);
        map.put("people", people);
        map.put("declarations", declarations);
        map.put("offices", offices);
        map.put("inspections", inspections);
        map.put("documents", documents);
        map.put("placeholders", placeholders);
        return map;
    }
}
