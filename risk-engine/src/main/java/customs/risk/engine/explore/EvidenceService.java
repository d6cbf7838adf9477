package customs.risk.engine.explore;

import customs.risk.engine.explore.NetworkService.GraphEdge;
import customs.risk.engine.explore.NetworkService.GraphNode;
import customs.risk.graph.NodeLabel;
import customs.risk.graph.access.Actor;
import customs.risk.graph.store.Graph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Service;

/**
 * The subgraph behind a loop or cluster reason, as the last full scoring found it: a loop's
 * companies in order with each leg of trade between them (or the shared officer, address, phone or
 * e-mail that hands the goods over), a cluster's companies with the identifiers they share.
 */
@Service
public class EvidenceService {

    /** Most companies drawn for one cluster; larger ones are drawn in part and say so. */
    static final int MAX_MEMBERS = 200;

    /**
     * One finding of the detectors.
     *
     * @param id stable across scorings for the same loop or cluster
     * @param kind {@code loop} or {@code cluster}
     * @param description the reason its members carry
     * @param companies members, a loop's in loop order
     */
    public record Finding(String id, String kind, String description, List<String> companies) {
        public boolean loop() {
            return kind.equals("loop");
        }
    }

    /**
     * A leg of a loop: declarations from one member to the next, or the control that ties them when
     * the goods changed hands inside one controlling party.
     *
     * @param from the member the goods left
     * @param to the member they reached
     * @param declarations how many declarations of the loop make this leg (0 for a control hand-over)
     * @param firstFiled filing date of the first, empty for a control hand-over
     * @param lastFiled filing date of the last
     * @param quantity declared quantity, summed
     * @param valueUsd declared value in USD, summed
     * @param declarationIds the declarations
     * @param control what ties the two members when no declaration does, e.g. "officer Jan Novak"
     */
    public record Leg(
            NodeRef from,
            NodeRef to,
            long declarations,
            String firstFiled,
            String lastFiled,
            double quantity,
            double valueUsd,
            List<String> declarationIds,
            String control) {}

    /** An identifier several members of a cluster share, and which members. */
    public record SharedTie(NodeRef identifier, String caption, List<NodeRef> companies) {}

    /** The subgraph of one finding, ready to draw, with its legs (loops) or shared ties (clusters). */
    public record Evidence(
            Finding finding, List<GraphNode> nodes, List<GraphEdge> edges, List<Leg> legs, List<SharedTie> ties) {}

    private final Graph graph;

    EvidenceService(org.neo4j.driver.Driver driver) {
        this.graph = new Graph(driver);
    }

    /**
     * The findings behind an entity's reasons: a company's loops and clusters, a person's through
     * the companies they sit on, a declaration's loops and its parties' clusters. Loops first.
     */
    public List<Finding> findings(NodeRef ref) {
        String cypher = switch (ref.label()) {
            case COMPANY -> "MATCH (:Company {id: $key})<-[:INVOLVES]-(f:Finding) RETURN DISTINCT f";
            case PERSON ->
                "MATCH (:Person {id: $key})-[:OFFICER_OF]->(:Company)<-[:INVOLVES]-(f:Finding) RETURN DISTINCT f";
            case DECLARATION -> """
                            MATCH (:Declaration {id: $key})-[:SOLD_BY|BOUGHT_BY]->(:Company)<-[:INVOLVES]-(f:Finding)
                            WHERE f.kind = 'cluster' OR $key IN f.declarationIds
                            RETURN DISTINCT f
                            """;
            default -> null;
        };
        if (cypher == null) {
            return List.of();
        }
        return graph.query(
                "CALL { " + cypher + " } RETURN f ORDER BY f.kind DESC, size(f.companies), f.id",
                Map.of("key", ref.key()),
                r -> finding(r.get("f")));
    }

    /** The subgraph of one finding; empty when the last scoring found no such finding. */
    public Optional<Evidence> evidence(Actor viewer, String findingId) {
        var rows = graph.query("MATCH (f:Finding {id: $id}) RETURN f", Map.of("id", findingId));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        var finding = finding(rows.getFirst().get("f"));
        return Optional.of(finding.loop() ? loop(viewer, finding) : cluster(viewer, finding));
    }

    private Evidence loop(Actor viewer, Finding finding) {
        var members = finding.companies();
        var nodes = new LinkedHashMap<String, GraphNode>();
        companies(viewer, members).forEach(n -> nodes.put(n.ref().toString(), n));
        var traded = new HashMap<String, Leg>();
        graph.query("""
                        MATCH (f:Finding {id: $id})
                        UNWIND f.declarationIds AS declarationId
                        MATCH (s:Company)<-[:SOLD_BY]-(d:Declaration {id: declarationId})-[:BOUGHT_BY]->(b:Company)
                        WITH s, b, d ORDER BY d.filedOn, d.id
                        RETURN s.id AS seller, b.id AS buyer, count(d) AS n, toString(min(d.filedOn)) AS first,
                               toString(max(d.filedOn)) AS last, sum(coalesce(d.quantity, 0)) AS quantity,
                               sum(coalesce(d.valueUsd, 0)) AS value, collect(d.id) AS ids
                        """, Map.of("id", finding.id())).forEach(r -> {
            var leg = new Leg(
                    company(r.get("seller").asString()),
                    company(r.get("buyer").asString()),
                    r.get("n").asLong(),
                    r.get("first").asString(""),
                    r.get("last").asString(""),
                    r.get("quantity").asDouble(0),
                    r.get("value").asDouble(0),
                    r.get("ids").asList(Value::asString),
                    "");
            traded.put(leg.from().key() + "|" + leg.to().key(), leg);
        });
        var legs = new ArrayList<Leg>();
        var edges = new ArrayList<GraphEdge>();
        for (int i = 0; i < members.size(); i++) {
            String from = members.get(i);
            String to = members.get((i + 1) % members.size());
            var leg = traded.remove(from + "|" + to);
            if (leg == null) {
                leg = controlLeg(viewer, from, to, nodes, edges);
            }
            legs.add(leg);
            if (leg.declarations() > 0) {
                edges.add(tradeEdge(leg, finding));
            }
        }
        // Declarations of the loop between members that are not next to each other in it.
        traded.values().forEach(leg -> {
            legs.add(leg);
            edges.add(tradeEdge(leg, finding));
        });
        return new Evidence(finding, List.copyOf(nodes.values()), edges, legs, List.of());
    }

    /** The hand-over inside one controlling party: what the two members share, drawn through it. */
    private Leg controlLeg(Actor viewer, String from, String to, Map<String, GraphNode> nodes, List<GraphEdge> edges) {
        var shared = graph.query(
                """
                MATCH (a:Company {id: $from}), (b:Company {id: $to})
                CALL (a, b) {
                  MATCH (a)<-[:OFFICER_OF]-(x:Person)-[:OFFICER_OF]->(b) RETURN x, 'officer' AS kind
                  UNION
                  MATCH (a)-[:HAS_ADDRESS|HAS_PHONE|HAS_EMAIL]->(x)<-[:HAS_ADDRESS|HAS_PHONE|HAS_EMAIL]-(b)
                  RETURN x, toLower(labels(x)[0]) AS kind
                }
                RETURN x, kind, %s LIMIT 5
                """.formatted(NetworkService.investigated("x")), viewer.parameters(Map.of("from", from, "to", to)));
        var words = new ArrayList<String>();
        for (var r : shared) {
            var node = NetworkService.graphNode(
                    r.get("x").asNode(), r.get("investigated").asBoolean());
            nodes.putIfAbsent(node.ref().toString(), node);
            String kind = r.get("kind").asString();
            words.add(kind + " " + node.caption());
            // Drawn as a cluster draws it: an officer points at the boards, a company at what it shares.
            for (String member : List.of(from, to)) {
                edges.add(
                        kind.equals("officer")
                                ? new GraphEdge(node.ref(), company(member), "CONTROL", kind, Map.of())
                                : new GraphEdge(company(member), node.ref(), "CONTROL", kind, Map.of()));
            }
        }
        return new Leg(
                company(from),
                company(to),
                0,
                "",
                "",
                0,
                0,
                List.of(),
                words.isEmpty() ? "no declared sale; no shared identifier left" : String.join(", ", words));
    }

    private static GraphEdge tradeEdge(Leg leg, Finding finding) {
        var properties = new LinkedHashMap<String, Object>();
        properties.put("declarations", leg.declarations());
        properties.put("valueUsd", leg.valueUsd());
        properties.put("quantity", leg.quantity());
        properties.put("firstFiled", leg.firstFiled());
        properties.put("lastFiled", leg.lastFiled());
        return new GraphEdge(
                leg.from(),
                leg.to(),
                "TRADE",
                String.format(
                        "%d× %s–%s, USD %s",
                        leg.declarations(),
                        leg.firstFiled(),
                        leg.lastFiled(),
                        NetworkService.compactUsd(leg.valueUsd())),
                properties);
    }

    private Evidence cluster(Actor viewer, Finding finding) {
        var members = finding.companies()
                .subList(0, Math.min(MAX_MEMBERS, finding.companies().size()));
        var nodes = new LinkedHashMap<String, GraphNode>();
        companies(viewer, members).forEach(n -> nodes.put(n.ref().toString(), n));
        var edges = new ArrayList<GraphEdge>();
        var ties = new ArrayList<SharedTie>();
        graph.query("""
                        UNWIND $members AS member
                        MATCH (c:Company {id: member})
                        CALL (c) {
                          MATCH (c)<-[:OFFICER_OF]-(x:Person) RETURN x, 'OFFICER_OF' AS type
                          UNION
                          MATCH (c)-[r:HAS_ADDRESS|HAS_PHONE|HAS_EMAIL]->(x) RETURN x, type(r) AS type
                        }
                        WITH x, type, collect(c.id) AS sharing WHERE size(sharing) >= 2
                        RETURN x, type, sharing, %s
                        ORDER BY size(sharing) DESC LIMIT 100
                        """.formatted(NetworkService.investigated("x")), viewer.parameters(Map.of("members", members)))
                .forEach(r -> {
                    var node = NetworkService.graphNode(
                            r.get("x").asNode(), r.get("investigated").asBoolean());
                    nodes.putIfAbsent(node.ref().toString(), node);
                    String type = r.get("type").asString();
                    var sharing = r.get("sharing").asList(v -> company(v.asString()));
                    ties.add(new SharedTie(node.ref(), node.caption(), sharing));
                    for (var member : sharing) {
                        edges.add(
                                type.equals("OFFICER_OF")
                                        ? new GraphEdge(node.ref(), member, "CONTROL", "officer", Map.of())
                                        : new GraphEdge(
                                                member,
                                                node.ref(),
                                                "CONTROL",
                                                type.substring(4).toLowerCase(),
                                                Map.of()));
                    }
                });
        return new Evidence(finding, List.copyOf(nodes.values()), edges, List.of(), ties);
    }

    /** The companies with these ids, in the order given. */
    private List<GraphNode> companies(Actor viewer, List<String> ids) {
        var parameters = viewer.parameters(Map.of("ids", ids));
        var byId = new HashMap<String, GraphNode>();
        graph.query(
                        "UNWIND $ids AS id MATCH (n:Company {id: id}) RETURN n, " + NetworkService.investigated("n"),
                        parameters)
                .forEach(r -> {
                    var node = NetworkService.graphNode(
                            r.get("n").asNode(), r.get("investigated").asBoolean());
                    byId.put(node.ref().key(), node);
                });
        return ids.stream().filter(byId::containsKey).map(byId::get).toList();
    }

    private static NodeRef company(String id) {
        return new NodeRef(NodeLabel.COMPANY, id);
    }

    private static Finding finding(Value f) {
        var node = f.asNode();
        return new Finding(
                node.get("id").asString(),
                node.get("kind").asString(),
                node.get("description").asString(""),
                node.get("companies").asList(Value::asString));
    }
}
