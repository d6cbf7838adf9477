package customs.risk.engine.resolution;

import customs.risk.graph.NodeLabel;
import customs.risk.graph.store.Graph;
import customs.risk.graph.store.ScoreVersions;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Query;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * Where resolution keeps what it decided, beside the source records it never changes:
 * {@code (a:Company)-[:MATCH {probability, status, ...}]->(b:Company)} for every pair the model
 * merged or a person has to (or did) decide, with {@code a.id < b.id}; and each party of two or
 * more records as {@code (Company)-[:SAME_AS]->(Party {id})}, with {@code party} on each member.
 */
final class ResolutionStore {

    static final int BATCH = 5_000;

    private final Graph graph;

    ResolutionStore(Driver driver) {
        this.graph = new Graph(driver);
    }

    Graph graph() {
        return graph;
    }

    private static final String RECORD_FIELDS = """
            c.id AS id, c.name AS name, c.country AS country, c.registrationNumber AS registration,
            c.address AS address, c.phone AS phone, c.email AS email,
            c.registeredOn AS registeredOn, c.dissolvedOn AS dissolvedOn""";

    /** Every company record, streamed, with the fingerprint of its fields when it was last resolved. */
    void allRecords(BiConsumer<CompanyRecord, String> each) {
        graph.stream(
                "MATCH (c:Company) RETURN " + RECORD_FIELDS + ", c.resolvedAs AS resolvedAs",
                Map.of(),
                r -> each.accept(record(r), r.get("resolvedAs").asString(null)));
    }

    /** Notes which fields each record was resolved with (id and fingerprint per row). */
    void markResolved(List<Map<String, Object>> rows) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            var batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
            graph.update(tx -> tx.run(new Query(
                            "UNWIND $rows AS row MATCH (c:Company {id: row.id}) SET c.resolvedAs = row.as",
                            Map.of("rows", batch)))
                    .consume());
        }
    }

    /** How many declarations each company takes part in (as seller, buyer or declarant). */
    Map<String, Long> declarationCounts(Collection<String> ids) {
        var counts = new HashMap<String, Long>();
        graph.stream(
                "UNWIND $ids AS id MATCH (c:Company {id: id})"
                        + " RETURN c.id AS id, COUNT { (c)<-[:SOLD_BY|BOUGHT_BY|DECLARED_BY]-() } AS n",
                Map.of("ids", List.copyOf(ids)),
                r -> counts.put(r.get("id").asString(), r.get("n").asLong()));
        return counts;
    }

    List<CompanyRecord> records(Collection<String> ids) {
        return graph.query(
                "UNWIND $ids AS id MATCH (c:Company {id: id}) RETURN " + RECORD_FIELDS,
                Map.of("ids", List.copyOf(ids)),
                ResolutionStore::record);
    }

    private static CompanyRecord record(Record r) {
        return new CompanyRecord(
                r.get("id").asString(),
                r.get("name").asString(null),
                r.get("country").asString(null),
                text(r.get("registration")),
                r.get("address").asString(null),
                r.get("phone").asString(null),
                r.get("email").asString(null),
                date(r.get("registeredOn")),
                date(r.get("dissolvedOn")));
    }

    private static String text(Value v) {
        return v.isNull() ? null : v.asObject().toString();
    }

    private static LocalDate date(Value v) {
        return v.isNull() ? null : v.asLocalDate();
    }

    /** A stored pair: its status and what people did with it. */
    record Match(
            String a,
            String b,
            double probability,
            MatchStatus status,
            String note,
            String decidedBy,
            String decidedAt,
            List<String> history) {}

    List<Match> matches(String where, Map<String, Object> parameters) {
        return graph.query(
                "MATCH (a:Company)-[m:MATCH]->(b:Company) " + where + "\n" + """
                 RETURN a.id AS a, b.id AS b, m.probability AS probability, m.status AS status, m.note AS note,
                        m.decidedBy AS decidedBy, m.decidedAt AS decidedAt, coalesce(m.history, []) AS history
                 """,
                parameters,
                r -> new Match(
                        r.get("a").asString(),
                        r.get("b").asString(),
                        r.get("probability").asDouble(0),
                        MatchStatus.valueOf(r.get("status").asString()),
                        r.get("note").asString(null),
                        r.get("decidedBy").asString(null),
                        r.get("decidedAt").asString(null),
                        r.get("history").asList(Value::asString)));
    }

    /**
     * Stores pairs the model scored: new ones with their status, known ones get the new probability
     * and, unless a person decided them, the new status.
     */
    void putScored(List<Map<String, Object>> rows) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            var batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
            graph.update(tx -> tx.run(new Query("""
                    UNWIND $rows AS row
                    MATCH (a:Company {id: row.a}), (b:Company {id: row.b})
                    MERGE (a)-[m:MATCH]->(b)
                    ON CREATE SET m.status = row.status
                    SET m.probability = row.probability,
                        m.status = CASE WHEN m.status IN ['ACCEPTED', 'REJECTED', 'UNSURE'] THEN m.status ELSE row.status END,
                        m.note = CASE WHEN m.status IN ['ACCEPTED', 'REJECTED', 'UNSURE'] THEN m.note ELSE row.note END
                    """, Map.of("rows", batch))).consume());
        }
    }

    /** Drops the undecided pairs the last full run no longer proposes. */
    int dropUndecidedExcept(Collection<String> keep) {
        return graph.write(tx -> tx.run(new Query("""
                        MATCH (a:Company)-[m:MATCH]->(b:Company)
                        WHERE m.status IN ['AUTO', 'PENDING'] AND NOT (a.id + '|' + b.id) IN $keep
                        DELETE m
                        RETURN count(*) AS n
                        """, Map.of("keep", List.copyOf(keep))))
                .single()
                .get("n")
                .asInt());
    }

    void setStatus(String a, String b, MatchStatus status, String note) {
        graph.update(tx -> tx.run(new Query("""
                MATCH (:Company {id: $a})-[m:MATCH]->(:Company {id: $b})
                SET m.status = $status, m.note = $note
                """, parameters("a", a, "b", b, "status", status.name(), "note", note)))
                .consume());
    }

    void rescore(String a, String b, double probability, MatchStatus status) {
        graph.update(tx -> tx.run(
                        new Query("""
                MATCH (:Company {id: $a})-[m:MATCH]->(:Company {id: $b})
                SET m.probability = $probability, m.status = $status, m.note = null
                """, Map.of("a", a, "b", b, "probability", probability, "status", status.name())))
                .consume());
    }

    /** Records a person's decision (or its undoing, as PENDING) with who and when, keeping the history. */
    boolean decide(String a, String b, MatchStatus status, String user, String at) {
        return graph.write(tx ->
                tx.run(new Query("""
                        MATCH (:Company {id: $a})-[m:MATCH]->(:Company {id: $b})
                        SET m.history = coalesce(m.history, []) + [$at + '|' + $user + '|' + $status],
                            m.status = $status,
                            m.decidedBy = CASE WHEN $status = 'PENDING' THEN null ELSE $user END,
                            m.decidedAt = CASE WHEN $status = 'PENDING' THEN null ELSE $at END,
                            m.note = null
                        RETURN count(m) AS n
                        """, Map.of("a", a, "b", b, "status", status.name(), "user", user, "at", at)))
                                .single()
                                .get("n")
                                .asInt()
                        > 0);
    }

    /** The party of each company that is in one. */
    Map<String, String> parties() {
        var map = new HashMap<String, String>();
        graph.stream(
                "MATCH (c:Company) WHERE c.party IS NOT NULL RETURN c.id AS id, c.party AS party",
                Map.of(),
                r -> map.put(r.get("id").asString(), r.get("party").asString()));
        return map;
    }

    /**
     * Writes the parties: members get {@code party} and a {@code SAME_AS} link, records that left
     * every party lose them, parties without members go. A member that is not its party's own record
     * loses its entity score: the party's score stands for it.
     */
    void writeParties(List<Map<String, Object>> parties, Collection<String> leaving) {
        for (int from = 0; from < parties.size(); from += BATCH / 10) {
            var batch = parties.subList(from, Math.min(parties.size(), from + BATCH / 10));
            graph.update(tx -> tx.run(new Query("""
                    UNWIND $parties AS p
                    MERGE (party:Party {id: p.id})
                    SET party.name = p.name, party.records = size(p.members), party.chain = p.chain,
                        party.chainPairs = p.chainPairs
                    WITH party, p
                    UNWIND p.members AS member
                    MATCH (c:Company {id: member})
                    OPTIONAL MATCH (c)-[old:SAME_AS]->(other:Party) WHERE other.id <> p.id
                    DELETE old
                    WITH DISTINCT party, c
                    SET c.party = party.id
                    MERGE (c)-[:SAME_AS]->(party)
                    WITH c WHERE c.id <> c.party
                    REMOVE c.riskScore, c.riskLane, c.riskReasons, c.riskStructure, c.riskStructureReason
                    """, Map.of("parties", batch))).consume());
        }
        if (!parties.isEmpty()) {
            ScoreVersions.raise(graph, NodeLabel.COMPANY.cypher());
        }
        var gone = List.copyOf(leaving);
        for (int from = 0; from < gone.size(); from += BATCH) {
            var batch = gone.subList(from, Math.min(gone.size(), from + BATCH));
            graph.update(tx -> tx.run(new Query("""
                    UNWIND $ids AS id
                    MATCH (c:Company {id: id})
                    OPTIONAL MATCH (c)-[s:SAME_AS]->()
                    DELETE s
                    REMOVE c.party
                    """, Map.of("ids", batch))).consume());
        }
        graph.update(tx -> tx.run("MATCH (p:Party) WHERE NOT (p)<-[:SAME_AS]-() DETACH DELETE p")
                .consume());
    }

    private static Map<String, Object> parameters(Object... pairs) {
        var map = new HashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
