package customs.risk.engine.explore;

import customs.risk.graph.access.Actor;
import customs.risk.graph.store.Graph;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Service;

/**
 * What the entity page shows of a company, person or declaration: its properties, its score with
 * reasons, the declarations it is party to (riskiest first, a page at a time), its officers or
 * boards, the identifiers it shares with others, and inspections; plus the actions taken on it.
 */
@Service
public class EntityService {

    /** Properties shown in the score block or elsewhere, not in the property list. */
    private static final List<String> HIDDEN =
            List.of("riskScore", "riskLane", "riskReasons", "riskModel", "riskScoredAt", "reviewedAt", "reviewedBy");

    /**
     * @param ref label and key
     * @param caption name or key
     * @param properties the node's other properties, as text, in a stable order
     * @param score risk score, NaN when not scored
     * @param lane RED, YELLOW, GREEN or empty
     * @param reasons why, strongest first
     * @param model the model version that scored it
     * @param reviewed who marked it reviewed and when, empty if nobody did
     */
    public record Profile(
            NodeRef ref,
            String caption,
            Map<String, String> properties,
            double score,
            String lane,
            List<String> reasons,
            String model,
            String reviewed) {}

    /** A declaration as a row of a party's list. */
    public record DeclarationRow(
            String id,
            String filedOn,
            String role,
            String hsCode,
            String counterpart,
            double valueUsd,
            double score,
            String lane,
            String firstReason) {}

    /** A link to another entity with what it is: an officer, a board, a shared identifier. */
    public record Link(NodeRef ref, String caption, String detail, double score, String lane) {}

    /** An inspection of one of the entity's declarations. */
    public record InspectionRow(
            String declarationId,
            String inspectedOn,
            String outcome,
            String violationType,
            double revenueRecovered,
            String inspector) {}

    private final Graph graph;

    EntityService(Driver driver) {
        this.graph = new Graph(driver);
    }

    /** The entity, empty when unknown or when it belongs to a case the viewer may not see. */
    public Optional<Profile> profile(Actor viewer, NodeRef ref) {
        var parameters = new java.util.HashMap<String, Object>(viewer.parameters());
        parameters.put("key", ref.key());
        var rows =
                graph.query("MATCH " + ref.pattern("n", "key") + " WHERE " + Actor.sees("n") + " RETURN n", parameters);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        var node = rows.getFirst().get("n").asNode();
        var properties = new LinkedHashMap<String, String>();
        java.util.stream.StreamSupport.stream(node.keys().spliterator(), false)
                .sorted()
                .filter(k -> !HIDDEN.contains(k))
                .forEach(k -> properties.put(k, text(node.get(k))));
        String reviewed = node.get("reviewedBy").isNull()
                ? ""
                : node.get("reviewedBy").asString() + " on "
                        + node.get("reviewedAt").asString("");
        var caption = NetworkService.graphNode(node).caption();
        return Optional.of(new Profile(
                ref,
                caption,
                properties,
                node.get("riskScore").asDouble(Double.NaN),
                node.get("riskLane").asString(""),
                node.get("riskReasons").isNull()
                        ? List.of()
                        : node.get("riskReasons").asList(Value::asString),
                node.get("riskModel").asString(""),
                reviewed));
    }

    /** Declarations the company sold, bought or lodged, riskiest first. */
    public List<DeclarationRow> declarations(String companyId, int offset, int limit) {
        return graph.query("""
                MATCH (c:Company {id: $id})<-[r:SOLD_BY|BOUGHT_BY|DECLARED_BY]-(d:Declaration)
                WITH d, type(r) AS role ORDER BY coalesce(d.riskScore, -1) DESC, d.id SKIP $offset LIMIT $limit
                OPTIONAL MATCH (d)-[:SOLD_BY]->(s:Company)
                OPTIONAL MATCH (d)-[:BOUGHT_BY]->(b:Company)
                RETURN d, role, CASE role WHEN 'SOLD_BY' THEN b.id ELSE s.id END AS counterpart
                """, Map.of("id", companyId, "offset", offset, "limit", limit), r -> {
            var d = r.get("d").asNode();
            var reasons = d.get("riskReasons").isNull()
                    ? List.<String>of()
                    : d.get("riskReasons").asList(Value::asString);
            return new DeclarationRow(
                    d.get("id").asString(),
                    text(d.get("filedOn")),
                    switch (r.get("role").asString()) {
                        case "SOLD_BY" -> "seller";
                        case "BOUGHT_BY" -> "buyer";
                        default -> "declarant";
                    },
                    d.get("hsCode").asString(""),
                    r.get("counterpart").asString(""),
                    d.get("valueUsd").asDouble(Double.NaN),
                    d.get("riskScore").asDouble(Double.NaN),
                    d.get("riskLane").asString(""),
                    reasons.isEmpty() ? "" : reasons.getFirst());
        });
    }

    /**
     * For a company: its officers, and companies sharing an address, phone or e-mail with it; for a
     * person: the companies they are an officer of; for a declaration: its parties and office.
     */
    public List<Link> links(NodeRef ref) {
        String cypher = switch (ref.label()) {
            case COMPANY -> """
                    MATCH (n:Company {id: $key})
                    CALL (n) {
                      MATCH (p:Person)-[o:OFFICER_OF]->(n)
                      RETURN p AS other, 'officer: ' + coalesce(o.role, '?') + ', on ' + COUNT { (p)-[:OFFICER_OF]->() }
                             + ' boards' AS detail
                      UNION
                      MATCH (n)-[:HAS_ADDRESS|HAS_PHONE|HAS_EMAIL]->(x)<-[:HAS_ADDRESS|HAS_PHONE|HAS_EMAIL]-(c:Company)
                      WHERE c <> n
                      RETURN c AS other, 'shares ' + toLower(labels(x)[0]) + ' ' + coalesce(x.value, x.key) AS detail
                      UNION
                      MATCH (n)<-[:OFFICER_OF]-(p:Person)-[:OFFICER_OF]->(c:Company) WHERE c <> n
                      RETURN c AS other, 'shares officer ' + coalesce(p.name, p.id) AS detail
                    }
                    RETURN other, detail LIMIT 200
                    """;
            case PERSON -> """
                    MATCH (n:Person {id: $key})-[o:OFFICER_OF]->(c:Company)
                    RETURN c AS other, coalesce(o.role, 'officer') + coalesce(' since ' + toString(o.since), '')
                           + coalesce(' until ' + toString(o.until), '') AS detail LIMIT 200
                    """;
            case DECLARATION -> """
                    MATCH (n:Declaration {id: $key})-[r:SOLD_BY|BOUGHT_BY|DECLARED_BY|LODGED_AT]->(other)
                    RETURN other, CASE type(r) WHEN 'SOLD_BY' THEN 'seller' WHEN 'BOUGHT_BY' THEN 'buyer'
                                  WHEN 'DECLARED_BY' THEN 'declarant' ELSE 'office' END AS detail
                    """;
            default -> null;
        };
        if (cypher == null) {
            return List.of();
        }
        return graph.query(cypher, Map.of("key", ref.key()), r -> {
            var node = NetworkService.graphNode(r.get("other").asNode());
            return new Link(node.ref(), node.caption(), r.get("detail").asString(""), node.score(), node.lane());
        });
    }

    /** Inspections of the entity's declarations (or of the declaration itself), newest first. */
    public List<InspectionRow> inspections(NodeRef ref, int limit) {
        String match = switch (ref.label()) {
            case COMPANY ->
                "MATCH (:Company {id: $key})<-[:SOLD_BY|BOUGHT_BY|DECLARED_BY]-(d:Declaration)<-[:OF]-(i:Inspection)";
            case DECLARATION -> "MATCH (d:Declaration {id: $key})<-[:OF]-(i:Inspection)";
            default -> null;
        };
        if (match == null) {
            return List.of();
        }
        return graph.query(
                match + " RETURN d.id AS id, i ORDER BY i.inspectedOn DESC LIMIT $limit",
                Map.of("key", ref.key(), "limit", limit),
                r -> {
                    var i = r.get("i").asNode();
                    return new InspectionRow(
                            r.get("id").asString(),
                            text(i.get("inspectedOn")),
                            i.get("outcome").asString(""),
                            i.get("violationType").asString(""),
                            i.get("revenueRecovered").asDouble(0),
                            i.get("inspector").asString(""));
                });
    }

    /** Records that {@code user} reviewed the entity now. */
    public void markReviewed(NodeRef ref, String user) {
        graph.update(tx -> tx.run(
                        "MATCH " + ref.pattern("n", "key") + " SET n.reviewedBy = $user, n.reviewedAt = $at",
                        Map.of(
                                "key",
                                ref.key(),
                                "user",
                                user,
                                "at",
                                Instant.now().toString()))
                .consume());
    }

    private static String text(Value value) {
        if (value.isNull()) {
            return "";
        }
        return switch (value.type().name()) {
            case "LIST" -> String.join(", ", value.asList(Object::toString));
            case "STRING" -> value.asString();
            default -> value.toString();
        };
    }
}
