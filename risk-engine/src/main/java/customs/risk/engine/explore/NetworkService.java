package customs.risk.engine.explore;

import customs.risk.graph.NodeLabel;
import customs.risk.graph.access.Actor;
import customs.risk.graph.store.Graph;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * A link between two drawn nodes, from {@code source} to {@code target}: a relationship of the
     * graph, or at the level of entities, {@code TRADE} (their declarations, aggregated) or
     * {@code CONTROL} (an officer, or an address, phone or e-mail they share).
     *
     * @param label what the link says on the canvas
     * @param properties what it aggregates (declarations, value, HS headings, first and last date)
     */
    public record GraphEdge(NodeRef source, NodeRef target, String type, String label, Map<String, Object> properties) {

        public GraphEdge(NodeRef source, NodeRef target, String type) {
            this(source, target, type, type, Map.of());
        }
    }

    /** At the level of entities: how many trade partners and control links a company or person has. */
    public record EntityDegrees(long partners, long controls) {}

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
        checkPage(offset, limit);
        String arrow = outgoing ? "-[:" + type + "]->" : "<-[:" + type + "]-";
        String focus = "MATCH " + ref.pattern("n", "key") + " WHERE " + Actor.sees("n");
        var counted = graph.query(
                focus + " RETURN COUNT { (n)" + arrow + "(m)" + seen(type) + " } AS c",
                parameters(viewer, "key", ref.key()));
        long total = counted.isEmpty() ? 0 : counted.getFirst().get("c").asLong();
        var nodes = new ArrayList<GraphNode>();
        var edges = new ArrayList<GraphEdge>();
        graph.query(
                        focus + " MATCH (n)" + arrow + "(m)" + seen(type)
                                + " WITH m SKIP $offset LIMIT $limit RETURN m, " + investigated("m"),
                        page(viewer, ref, offset, limit))
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

    /** How many trade partners and control links the entity has (both 0 for anything but a company or person). */
    public EntityDegrees entityDegrees(Actor viewer, NodeRef ref) {
        String cypher = switch (ref.label()) {
            case COMPANY -> """
                            MATCH (n:Company {id: $key})
                            CALL (n) {
                              CALL (n) {
                                RETURN n AS c
                                UNION
                                MATCH (c:Company {party: n.party}) RETURN c
                              }
                              MATCH (c)<-[:SOLD_BY|BOUGHT_BY]-(:Declaration)-[:SOLD_BY|BOUGHT_BY]->(o:Company)
                              WITH n, coalesce(o.party, o.id) AS partner WHERE partner <> coalesce(n.party, n.id)
                              RETURN count(DISTINCT partner) AS partners
                            }
                            CALL (n) {
                              CALL (n) {
                                MATCH (p:Person)-[:OFFICER_OF]->(n) RETURN p AS other
                                UNION
                                MATCH (n)-[:HAS_ADDRESS|HAS_PHONE|HAS_EMAIL]->()<-[:HAS_ADDRESS|HAS_PHONE|HAS_EMAIL]-(o:Company)
                                WHERE o <> n RETURN o AS other
                              }
                              RETURN count(other) AS controls
                            }
                            RETURN partners, controls
                            """;
            case PERSON ->
                "MATCH (n:Person {id: $key}) RETURN 0 AS partners, COUNT { (n)-[:OFFICER_OF]->(:Company) } AS controls";
            default -> null;
        };
        if (cypher == null) {
            return new EntityDegrees(0, 0);
        }
        var rows = graph.query(cypher, Map.of("key", ref.key()));
        return rows.isEmpty()
                ? new EntityDegrees(0, 0)
                : new EntityDegrees(
                        rows.getFirst().get("partners").asLong(),
                        rows.getFirst().get("controls").asLong());
    }

    /**
     * A page of a company's trade partners, most declarations first, each joined to it by one
     * {@code TRADE} edge per direction that aggregates their declarations: how many, their value,
     * HS headings, first and last filing date. A company in a party trades as its party: the
     * declarations of all its records count, and a partner in a party is shown as the party's record.
     */
    public Expansion partners(Actor viewer, NodeRef ref, int offset, int limit) {
        checkPage(offset, limit);
        if (ref.label() != NodeLabel.COMPANY) {
            return new Expansion(List.of(), List.of(), 0, offset);
        }
        var rows = graph.query("""
                MATCH (focus:Company {id: $key})
                // The focus and its party's other records, by the party index (an OR here scans every company).
                CALL (focus) {
                  RETURN focus AS c
                  UNION
                  MATCH (c:Company {party: focus.party}) RETURN c
                }
                CALL (c) {
                  MATCH (c)<-[:SOLD_BY]-(d:Declaration)-[:BOUGHT_BY]->(o:Company) WHERE o <> c RETURN o, true AS out, d
                  UNION ALL
                  MATCH (c)<-[:BOUGHT_BY]-(d:Declaration)-[:SOLD_BY]->(o:Company) WHERE o <> c RETURN o, false AS out, d
                }
                OPTIONAL MATCH (own:Company {id: o.party})
                WITH focus, coalesce(own, o) AS o, out, d
                WHERE coalesce(o.party, o.id) <> coalesce(focus.party, focus.id)
                WITH o, out, count(d) AS n, sum(coalesce(d.valueUsd, 0.0)) AS value,
                     collect(DISTINCT substring(d.hsCode, 0, 4)) AS hs, toString(min(d.filedOn)) AS first,
                     toString(max(d.filedOn)) AS last
                WITH o, collect({out: out, n: n, value: value, hs: hs, first: first, last: last}) AS flows, sum(n) AS weight
                ORDER BY weight DESC, o.id
                WITH collect({o: o, flows: flows}) AS partners
                WITH size(partners) AS total, partners[$offset..($offset + $limit)] AS page
                UNWIND (CASE WHEN size(page) = 0 THEN [null] ELSE page END) AS p
                WITH total, p.o AS o, p.flows AS flows
                RETURN total, o, flows, """ + investigated("o"), page(viewer, ref, offset, limit));
        var nodes = new ArrayList<GraphNode>();
        var edges = new ArrayList<GraphEdge>();
        long total = rows.isEmpty() ? 0 : rows.getFirst().get("total").asLong();
        for (var r : rows) {
            if (r.get("o").isNull()) {
                continue;
            }
            var node = graphNode(r.get("o").asNode(), r.get("investigated").asBoolean());
            nodes.add(node);
            for (Value flow : r.get("flows").values()) {
                boolean out = flow.get("out").asBoolean();
                long count = flow.get("n").asLong();
                double value = flow.get("value").asDouble();
                var headings = flow.get("hs").asList(Value::asString);
                var properties = new LinkedHashMap<String, Object>();
                properties.put("declarations", count);
                properties.put("valueUsd", value);
                properties.put("hsHeadings", String.join(" ", headings));
                properties.put("firstFiled", flow.get("first").asString(""));
                properties.put("lastFiled", flow.get("last").asString(""));
                String label = String.format(
                        "%d× HS %s%s, USD %s",
                        count,
                        String.join(" ", headings.subList(0, Math.min(2, headings.size()))),
                        headings.size() > 2 ? " …" : "",
                        compactUsd(value));
                edges.add(
                        out
                                ? new GraphEdge(ref, node.ref(), "TRADE", label, properties)
                                : new GraphEdge(node.ref(), ref, "TRADE", label, properties));
            }
        }
        return new Expansion(nodes, edges, total, offset);
    }

    /**
     * A page of an entity's control links: for a company its officers and the companies that share
     * an address, phone or e-mail with it; for a person the companies they are an officer of.
     */
    public Expansion controls(Actor viewer, NodeRef ref, int offset, int limit) {
        checkPage(offset, limit);
        String links = switch (ref.label()) {
            case COMPANY -> """
                            MATCH (n:Company {id: $key})
                            CALL (n) {
                              MATCH (other:Person)-[o:OFFICER_OF]->(n)
                              RETURN other, 'officer' + coalesce(' (' + o.role + ')', '') AS label, true AS toFocus
                              UNION
                              MATCH (n)-[:HAS_ADDRESS|HAS_PHONE|HAS_EMAIL]->(x)<-[:HAS_ADDRESS|HAS_PHONE|HAS_EMAIL]-(other:Company)
                              WHERE other <> n
                              RETURN other, 'shared ' + toLower(labels(x)[0]) + ' ' + coalesce(x.value, x.key) AS label,
                                     false AS toFocus
                            }
                            """;
            case PERSON -> """
                            MATCH (n:Person {id: $key})-[o:OFFICER_OF]->(other:Company)
                            WITH other, 'officer' + coalesce(' (' + o.role + ')', '') AS label, false AS toFocus
                            """;
            default -> null;
        };
        if (links == null) {
            return new Expansion(List.of(), List.of(), 0, offset);
        }
        var rows = graph.query(links + """
                        WITH other, toFocus, collect(label) AS labels
                        ORDER BY coalesce(other.riskScore, -1) DESC, labels[0], coalesce(other.id, other.key)
                        WITH collect({other: other, toFocus: toFocus, labels: labels}) AS found
                        WITH size(found) AS total, found[$offset..($offset + $limit)] AS page
                        UNWIND (CASE WHEN size(page) = 0 THEN [null] ELSE page END) AS p
                        WITH total, p.other AS m, p.toFocus AS toFocus, p.labels AS labels
                        RETURN total, m, toFocus, labels, """ + investigated("m"), page(viewer, ref, offset, limit));
        var nodes = new ArrayList<GraphNode>();
        var edges = new ArrayList<GraphEdge>();
        long total = rows.isEmpty() ? 0 : rows.getFirst().get("total").asLong();
        for (var r : rows) {
            if (r.get("m").isNull()) {
                continue;
            }
            var node = graphNode(r.get("m").asNode(), r.get("investigated").asBoolean());
            nodes.add(node);
            String label = String.join("; ", r.get("labels").asList(Value::asString));
            var properties = Map.<String, Object>of("links", label);
            // An officer points at the board, a person's company away from them; shared identifiers have no direction.
            edges.add(
                    r.get("toFocus").asBoolean()
                            ? new GraphEdge(node.ref(), ref, "CONTROL", label, properties)
                            : new GraphEdge(ref, node.ref(), "CONTROL", label, properties));
        }
        return new Expansion(nodes, edges, total, offset);
    }

    /** USD in few characters: 950, 12.3K, 1.2M, 3.4B. */
    static String compactUsd(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 1e9) {
            return String.format("%.1fB", value / 1e9);
        }
        if (magnitude >= 1e6) {
            return String.format("%.1fM", value / 1e6);
        }
        if (magnitude >= 1e3) {
            return String.format("%.1fK", value / 1e3);
        }
        return String.format("%.0f", value);
    }

    private static void checkPage(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > 500) {
            throw new IllegalArgumentException("need offset >= 0 and limit within 1..500");
        }
    }

    /**
     * Companies and people whose id or name starts with {@code text} (case-insensitive for names), best
     * scored first; a company in a party is found by any of its records' names, as its party's record.
     */
    public List<GraphNode> find(String text, int limit) {
        return graph.query(
                """
                CALL {
                  MATCH (c:Company) WHERE c.id = $text OR c.name STARTS WITH $text OR toUpper(c.name) STARTS WITH $upper
                  OPTIONAL MATCH (own:Company {id: c.party})
                  RETURN DISTINCT coalesce(own, c) AS n LIMIT $limit
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
    static String investigated(String variable) {
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
        return viewer.parameters(Map.of(name, value));
    }

    /** The node's key and a page's offset and limit, with the viewer's parameters. */
    private static Map<String, Object> page(Actor viewer, NodeRef ref, int offset, int limit) {
        return viewer.parameters(Map.of("key", ref.key(), "offset", offset, "limit", limit));
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
