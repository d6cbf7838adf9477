package customs.risk.engine.explore;

import customs.risk.graph.access.Actor;
import customs.risk.graph.store.Graph;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private static final List<String> HIDDEN = List.of(
            "riskScore",
            "riskLane",
            "riskReasons",
            "riskModel",
            "riskScoredAt",
            "riskDigest",
            "riskHistory",
            "riskStructure",
            "riskStructureReason",
            "reviewedAt",
            "reviewedBy",
            "party",
            "resolvedAs");

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
            String counterpartName,
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

    /** What a timeline entry is about; a timeline can be filtered to some kinds. */
    public enum TimelineKind {
        DECLARATION,
        INSPECTION,
        DOCUMENT,
        CASE,
        SCORE
    }

    /**
     * One entry of an entity's timeline.
     *
     * @param at ISO date or date-time
     * @param kind what it is about
     * @param title one line, e.g. "declaration D123 filed (seller)"
     * @param detail more, e.g. "HS 8517, USD 120,000, RED 0.91"
     * @param link the node it opens (a declaration, document, case), or empty
     */
    public record TimelineEvent(String at, TimelineKind kind, String title, String detail, Optional<NodeRef> link) {}

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
        return graph.query(
                """
                MATCH (c:Company {id: $id})<-[r:SOLD_BY|BOUGHT_BY|DECLARED_BY]-(d:Declaration)
                WITH d, type(r) AS role ORDER BY coalesce(d.riskScore, -1) DESC, d.id SKIP $offset LIMIT $limit
                OPTIONAL MATCH (d)-[:SOLD_BY]->(s:Company)
                OPTIONAL MATCH (d)-[:BOUGHT_BY]->(b:Company)
                WITH d, role, CASE role WHEN 'SOLD_BY' THEN b ELSE s END AS other
                RETURN d, role, other.id AS counterpart, coalesce(other.name, other.id) AS counterpartName
                """,
                Map.of("id", companyId, "offset", offset, "limit", limit),
                r -> declarationRow(
                        r.get("d").asNode(),
                        switch (r.get("role").asString()) {
                            case "SOLD_BY" -> "seller";
                            case "BOUGHT_BY" -> "buyer";
                            default -> "declarant";
                        },
                        r.get("counterpart").asString(""),
                        r.get("counterpartName").asString("")));
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

    /** Declarations {@code sellerId} sold to {@code buyerId}, newest first: what a trade edge of the network stands for. */
    public List<DeclarationRow> declarationsBetween(String sellerId, String buyerId, int offset, int limit) {
        return graph.query(
                """
                MATCH (:Company {id: $seller})<-[:SOLD_BY]-(d:Declaration)-[:BOUGHT_BY]->(b:Company {id: $buyer})
                WITH d, b ORDER BY d.filedOn DESC, d.id SKIP $offset LIMIT $limit
                RETURN d, coalesce(b.name, b.id) AS buyerName
                """,
                Map.of("seller", sellerId, "buyer", buyerId, "offset", offset, "limit", limit),
                r -> declarationRow(
                        r.get("d").asNode(),
                        "seller",
                        buyerId,
                        r.get("buyerName").asString(buyerId)));
    }

    /**
     * The entity's history in one list, newest first: the declarations it filed or is party to,
     * their inspections and outcomes, documents, the cases about it the viewer may see, and its
     * score at each full scoring. At most {@code limit} entries of each kind are read.
     */
    public List<TimelineEvent> timeline(Actor viewer, NodeRef ref, Set<TimelineKind> kinds, int limit) {
        String parties = switch (ref.label()) {
            case COMPANY -> "MATCH (n:Company {id: $key})<-[:SOLD_BY|BOUGHT_BY|DECLARED_BY]-(d:Declaration)";
            case DECLARATION -> "MATCH (d:Declaration {id: $key}) WITH d, d AS n";
            case PERSON ->
                "MATCH (:Person {id: $key})-[:OFFICER_OF]->(n:Company)<-[:SOLD_BY|BOUGHT_BY]-(d:Declaration)";
            default -> null;
        };
        var parameters = viewer.parameters(Map.of("key", ref.key(), "limit", limit));
        var events = java.util.Collections.synchronizedList(new java.util.ArrayList<TimelineEvent>());
        // Each kind is its own query; they run side by side, so a busy company waits for the slowest only.
        var reads = new java.util.ArrayList<Runnable>();
        if (parties != null && kinds.contains(TimelineKind.DECLARATION)) {
            reads.add(() -> {
                graph.query(parties + "\n" + """
                                     WITH DISTINCT d ORDER BY d.filedOn DESC LIMIT $limit
                                     OPTIONAL MATCH (d)-[:SOLD_BY]->(s:Company)
                                     OPTIONAL MATCH (d)-[:BOUGHT_BY]->(b:Company)
                                     RETURN d, coalesce(s.name, s.id) AS seller, coalesce(b.name, b.id) AS buyer
                                     """, parameters).forEach(r -> {
                    var d = r.get("d").asNode();
                    String score = d.get("riskScore").isNull()
                            ? "not scored"
                            : String.format(
                                    "%s %.2f",
                                    d.get("riskLane").asString(""),
                                    d.get("riskScore").asDouble());
                    events.add(new TimelineEvent(
                            text(d.get("filedOn")),
                            TimelineKind.DECLARATION,
                            "declaration " + d.get("id").asString() + ": "
                                    + r.get("seller").asString("?") + " → "
                                    + r.get("buyer").asString("?"),
                            String.format(
                                    "HS %s, USD %,.0f, %s",
                                    d.get("hsCode").asString("?"),
                                    d.get("valueUsd").asDouble(0),
                                    score),
                            Optional.of(new NodeRef(
                                    customs.risk.graph.NodeLabel.DECLARATION,
                                    d.get("id").asString()))));
                });
            });
        }
        if (parties != null && kinds.contains(TimelineKind.INSPECTION)) {
            reads.add(() -> {
                graph.query(parties + "\n" + """
                                     MATCH (d)<-[:OF]-(i:Inspection)
                                     WITH DISTINCT d, i ORDER BY i.inspectedOn DESC LIMIT $limit
                                     RETURN d.id AS id, i
                                     """, parameters).forEach(r -> {
                    var i = r.get("i").asNode();
                    String violation = i.get("violationType").asString("");
                    double recovered = i.get("revenueRecovered").asDouble(0);
                    events.add(new TimelineEvent(
                            text(i.get("inspectedOn")),
                            TimelineKind.INSPECTION,
                            "inspection of " + r.get("id").asString() + ": "
                                    + i.get("outcome").asString("?"),
                            (violation.isBlank() ? "no violation recorded" : violation)
                                    + (recovered > 0 ? String.format(", USD %,.0f recovered", recovered) : "")
                                    + (i.get("inspector").isNull()
                                            ? ""
                                            : ", by " + i.get("inspector").asString()),
                            Optional.of(new NodeRef(
                                    customs.risk.graph.NodeLabel.DECLARATION,
                                    r.get("id").asString()))));
                });
            });
        }
        if (kinds.contains(TimelineKind.DOCUMENT)) {
            reads.add(() -> {
                String documents = switch (ref.label()) {
                    case COMPANY -> "MATCH (:Company {id: $key})-[:FILED]->(doc:Document)";
                    case DECLARATION -> "MATCH (:Declaration {id: $key})<-[:SUPPORTS]-(doc:Document)";
                    case PERSON -> "MATCH (:Person {id: $key})-[:OFFICER_OF]->(:Company)-[:FILED]->(doc:Document)";
                    default -> null;
                };
                if (documents != null) {
                    graph.query(
                                    documents + " WHERE " + Actor.sees("doc")
                                            + " WITH DISTINCT doc ORDER BY coalesce(doc.filedOn, doc.filedAt) DESC"
                                            + " LIMIT $limit RETURN doc",
                                    parameters)
                            .forEach(r -> {
                                var doc = r.get("doc").asNode();
                                events.add(new TimelineEvent(
                                        text(doc.get("filedOn").isNull() ? doc.get("filedAt") : doc.get("filedOn")),
                                        TimelineKind.DOCUMENT,
                                        "document "
                                                + doc.get("fileName")
                                                        .asString(doc.get("id").asString()),
                                        doc.get("docType").asString("document") + " "
                                                + doc.get("id").asString(),
                                        Optional.of(new NodeRef(
                                                customs.risk.graph.NodeLabel.DOCUMENT,
                                                doc.get("id").asString()))));
                            });
                }
            });
        }
        if (kinds.contains(TimelineKind.CASE)) {
            reads.add(() -> {
                graph.query(
                                "MATCH " + ref.pattern("n", "key") + "<-[:ABOUT]-(c:Case) WHERE " + Actor.seesCase("c")
                                        + " RETURN c ORDER BY c.createdAt DESC LIMIT $limit",
                                parameters)
                        .forEach(r -> {
                            var c = r.get("c").asNode();
                            var link = Optional.of(new NodeRef(
                                    customs.risk.graph.NodeLabel.CASE,
                                    c.get("id").asString()));
                            String created = text(c.get("createdAt").isNull() ? c.get("openedAt") : c.get("createdAt"));
                            events.add(new TimelineEvent(
                                    created,
                                    TimelineKind.CASE,
                                    "case opened: " + c.get("title").asString(""),
                                    c.get("id").asString() + ", "
                                            + c.get("priority").asString("no") + " priority",
                                    link));
                            if (!c.get("closedAt").isNull()) {
                                events.add(new TimelineEvent(
                                        text(c.get("closedAt")),
                                        TimelineKind.CASE,
                                        "case closed: " + c.get("title").asString(""),
                                        c.get("outcome").asString("no outcome recorded"),
                                        link));
                            }
                        });
            });
        }
        if (kinds.contains(TimelineKind.SCORE) && ref.label() == customs.risk.graph.NodeLabel.COMPANY) {
            reads.add(() -> {
                graph.query("MATCH (n:Company {id: $key}) RETURN n.riskHistory AS history", parameters)
                        .forEach(r -> {
                            if (r.get("history").isNull()) {
                                return;
                            }
                            String previous = null;
                            for (String entry : r.get("history").asList(Value::asString)) {
                                // model|scoredAt|score|lane
                                String[] parts = entry.split("\\|", 4);
                                if (parts.length < 4) {
                                    continue;
                                }
                                double score = Double.parseDouble(parts[2]);
                                String change = previous == null ? "" : " (was " + previous + ")";
                                String now = String.format("%s %.2f", parts[3], score);
                                events.add(new TimelineEvent(
                                        parts[1],
                                        TimelineKind.SCORE,
                                        "scored " + now + change,
                                        "model " + parts[0],
                                        Optional.empty()));
                                previous = now;
                            }
                        });
            });
        }
        inParallel(reads);
        var sorted = new java.util.ArrayList<>(events);
        sorted.sort(java.util.Comparator.comparing(TimelineEvent::at).reversed());
        return sorted;
    }

    private static void inParallel(List<Runnable> reads) {
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var pending = reads.stream().map(pool::submit).toList();
            for (var read : pending) {
                read.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the timeline", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** A declaration as a row of a party's list: {@code role} is the party's, the counterpart the other side. */
    private static DeclarationRow declarationRow(
            org.neo4j.driver.types.Node d, String role, String counterpart, String counterpartName) {
        var reasons = d.get("riskReasons").isNull()
                ? List.<String>of()
                : d.get("riskReasons").asList(Value::asString);
        return new DeclarationRow(
                d.get("id").asString(),
                text(d.get("filedOn")),
                role,
                d.get("hsCode").asString(""),
                counterpart,
                counterpartName,
                d.get("valueUsd").asDouble(Double.NaN),
                d.get("riskScore").asDouble(Double.NaN),
                d.get("riskLane").asString(""),
                reasons.isEmpty() ? "" : reasons.getFirst());
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
