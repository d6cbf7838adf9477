package customs.risk.engine.explore;

import customs.risk.graph.NodeLabel;
import customs.risk.graph.access.Actor;
import customs.risk.graph.store.Graph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;
import org.springframework.stereotype.Service;

/**
 * The network around an entity, a page of neighbours at a time: an address shared by thousands of
 * companies or an office with a million declarations is expanded in capped pages, never whole.
 * Degree counts come from Neo4j's relationship groups (constant time per type), not from walking
 * the relationships.
 */
@Service
public class NetworkService {

    /** Most neighbours one expansion adds. */
    public static final int PAGE_DEFAULT = 50;
    /** Relationship types a shortest path may follow: trade, control and filing, not shared countries or goods. */
    static final List<String> PATH_TYPES = List.of(
            "SOLD_BY",
            "BOUGHT_BY",
            "DECLARED_BY",
            "OFFICER_OF",
            "HAS_ADDRESS",
            "HAS_PHONE",
            "HAS_EMAIL",
            "FILED",
            "SUPPORTS");

    private static final List<String> TYPES = List.of(
            "SOLD_BY",
            "BOUGHT_BY",
            "DECLARED_BY",
            "LODGED_AT",
            "CLASSIFIED_AS",
            "ORIGINATES_IN",
            "OFFICER_OF",
            "HAS_ADDRESS",
            "HAS_PHONE",
            "HAS_EMAIL",
            "REGISTERED_IN",
            "LOCATED_IN",
            "OF",
            "SUPPORTS",
            "FILED",
            "ABOUT",
            "PART_OF");

    /**
     * One node as the explorer draws it.
     *
     * @param ref label and key
     * @param caption name, or the key when there is none
     * @param score risk score, NaN when not scored
     * @param lane RED, YELLOW, GREEN or empty
     * @param inLoop its reasons name a trade loop
     * @param inCluster its reasons name a shell cluster
     * @param investigated an open case is about it
     */
    public record GraphNode(
            NodeRef ref,
            String caption,
            double score,
            String lane,
            boolean inLoop,
            boolean inCluster,
            boolean investigated) {}

    /** A relationship between two drawn nodes, from {@code source} to {@code target}. */
    public record GraphEdge(NodeRef source, NodeRef target, String type) {}

    /** How many neighbours a node has over one relationship type and direction. */
    public record Degree(String type, boolean outgoing, long count) {}

    /** A page of neighbours and the relationships to them. */
    public record Expansion(List<GraphNode> nodes, List<GraphEdge> edges, long total, int offset) {
        public boolean more() {
            return offset + nodes.size() < total;
        }
    }

    private final Graph graph;

    NetworkService(Driver driver) {
        this.graph = new Graph(driver);
    }

    /** The node, empty when unknown or when it belongs to a case the viewer may not see. */
    public Optional<GraphNode> node(Actor viewer, NodeRef ref) {
        var rows = graph.query(
                "MATCH " + ref.pattern("n", "key") + " WHERE " + Actor.sees("n") + " RETURN n, " + investigated("n"),
                parameters(viewer, "key", ref.key()));
        return rows.isEmpty()
                ? Optional.empty()
                : Optional.of(graphNode(
                        rows.getFirst().get("n").asNode(),
                        rows.getFirst().get("investigated").asBoolean()));
    }

    /**
     * The node's neighbour counts per relationship type and direction, the non-empty ones, counting
     * only the cases and case documents the viewer may see.
     */
    public List<Degree> degrees(Actor viewer, NodeRef ref) {
        var parts = new ArrayList<String>();
        for (String type : TYPES) {
            parts.add("COUNT { (n)-[:" + type + "]->(m)" + seen(type) + " } AS `" + type + ">`");
            parts.add("COUNT { (n)<-[:" + type + "]-(m)" + seen(type) + " } AS `" + type + "<`");
        }
        var rows = graph.query(
                "MATCH " + ref.pattern("n", "key") + " WHERE " + Actor.sees("n") + " RETURN "
                        + String.join(", ", parts),
                parameters(viewer, "key", ref.key()));
        var degrees = new ArrayList<Degree>();
        if (!rows.isEmpty()) {
            var row = rows.getFirst();
            for (String type : TYPES) {
                for (boolean out : new boolean[] {true, false}) {
                    long count = row.get(type + (out ? ">" : "<")).asLong();
                    if (count > 0) {
                        degrees.add(new Degree(type, out, count));
                    }
                }
            }
        }
        return degrees;
    }

    /**
     * Up to {@code limit} neighbours over {@code type} in one direction, skipping {@code offset};
     * cases and case documents the viewer may not see are left out, as is everything around them.
     */
    public Expansion expand(Actor viewer, NodeRef ref, String type, boolean outgoing, int offset, int limit) {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown relationship type: " + type);
        }
        if (offset < 0 || limit < 1 || limit > 500) {
            throw new IllegalArgumentException("need offset >= 0 and limit within 1..500");
        }
        String arrow = outgoing ? "-[:" + type + "]->" : "<-[:" + type + "]-";
        String focus = "MATCH " + ref.pattern("n", "key") + " WHERE " + Actor.sees("n");
        var counted = graph.query(
                focus + " RETURN COUNT { (n)" + arrow + "(m)" + seen(type) + " } AS c",
                parameters(viewer, "key", ref.key()));
        long total = counted.isEmpty() ? 0 : counted.getFirst().get("c").asLong();
        var nodes = new ArrayList<GraphNode>();
        var edges = new ArrayList<GraphEdge>();
        var page = parameters(viewer, "key", ref.key());
        page.put("offset", offset);
        page.put("limit", limit);
        graph.query(
                        focus + " MATCH (n)" + arrow + "(m)" + seen(type)
                                + " WITH m SKIP $offset LIMIT $limit RETURN m, " + investigated("m"),
                        page)
                .forEach(r -> {
                    var node =
                            graphNode(r.get("m").asNode(), r.get("investigated").asBoolean());
                    nodes.add(node);
                    edges.add(outgoing ? new GraphEdge(ref, node.ref(), type) : new GraphEdge(node.ref(), ref, type));
                });
        return new Expansion(nodes, edges, total, offset);
    }

    /**
     * The shortest chain of trade, control and filing links between two nodes (at most
     * {@code maxHops}), empty when there is none.
     */
    public Optional<Expansion> shortestPath(Actor viewer, NodeRef from, NodeRef to, int maxHops) {
        var parameters = parameters(viewer, "a", from.key());
        parameters.put("b", to.key());
        var rows = graph.query(
                "MATCH " + from.pattern("a", "a") + ", " + to.pattern("b", "b")
                        + " WHERE " + Actor.sees("a") + " AND " + Actor.sees("b")
                        + " MATCH p = shortestPath((a)-[:" + String.join("|", PATH_TYPES) + "*.." + maxHops
                        + "]-(b))"
                        + " RETURN p",
                parameters);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        var path = rows.getFirst().get("p").asPath();
        var byId = new LinkedHashMap<String, GraphNode>();
        path.nodes().forEach(n -> byId.put(n.elementId(), graphNode(n)));
        var edges = new ArrayList<GraphEdge>();
        path.relationships()
                .forEach(r -> edges.add(new GraphEdge(
                        byId.get(r.startNodeElementId()).ref(),
                        byId.get(r.endNodeElementId()).ref(),
                        r.type())));
        var nodes = List.copyOf(byId.values());
        return Optional.of(new Expansion(nodes, edges, nodes.size(), 0));
    }

    /** Companies and people whose id or name starts with {@code text} (case-insensitive for names), best scored first. */
    public List<GraphNode> find(String text, int limit) {
        return graph.query(
                """
                CALL {
                  MATCH (c:Company) WHERE c.id = $text OR c.name STARTS WITH $text OR toUpper(c.name) STARTS WITH $upper
                  RETURN c AS n LIMIT $limit
                  UNION
                  MATCH (p:Person) WHERE p.id = $text OR p.name STARTS WITH $text OR toUpper(p.name) STARTS WITH $upper
                  RETURN p AS n LIMIT $limit
                  UNION
                  MATCH (d:Declaration {id: $text}) RETURN d AS n
                }
                RETURN n ORDER BY coalesce(n.riskScore, -1) DESC LIMIT $limit
                """,
                Map.of("text", text.strip(), "upper", text.strip().toUpperCase(), "limit", limit),
                r -> graphNode(r.get("n").asNode()));
    }

    /** A Cypher expression: an open case the viewer may see is about {@code variable}. */
    private static String investigated(String variable) {
        return "EXISTS { MATCH (c:Case)-[:ABOUT]->(" + variable + ") WHERE c.status <> 'CLOSED' AND "
                + Actor.seesCase("c") + " } AS investigated";
    }

    /**
     * A WHERE clause on neighbour {@code m} over {@code type}: only links to and from cases reach
     * case material, so only they pay for the check.
     */
    private static String seen(String type) {
        return type.equals("ABOUT") ? " WHERE " + Actor.sees("m") : "";
    }

    private static Map<String, Object> parameters(Actor viewer, String name, Object value) {
        var parameters = new HashMap<String, Object>(viewer.parameters());
        parameters.put(name, value);
        return parameters;
    }

    static GraphNode graphNode(Node n) {
        return graphNode(n, false);
    }

    static GraphNode graphNode(Node n, boolean investigated) {
        var label = Arrays.stream(NodeLabel.values())
                .filter(l -> n.hasLabel(l.cypher()))
                .findFirst()
                .orElse(NodeLabel.COMPANY);
        var ref = new NodeRef(label, n.get(label.key()).asString(""));
        Value name = n.get("name");
        String caption = !name.isNull()
                ? name.asString()
                : !n.get("value").isNull() ? n.get("value").asString() : ref.key();
        var reasons = n.get("riskReasons").isNull()
                ? List.<String>of()
                : n.get("riskReasons").asList(Value::asString);
        return new GraphNode(
                ref,
                caption,
                n.get("riskScore").asDouble(Double.NaN),
                n.get("riskLane").asString(""),
                reasons.stream().anyMatch(r -> r.contains("loop")),
                reasons.stream().anyMatch(r -> r.contains("cluster")),
                investigated);
    }
}
