package customs.risk.cases;

import customs.risk.cases.CaseModel.CaseEvent;
import customs.risk.cases.CaseModel.EventKind;
import customs.risk.graph.access.Actor;
import customs.risk.graph.access.RefusedException.Reason;
import customs.risk.graph.store.Graph;
import java.time.Instant;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;

/**
 * What the case services share: transactions on the graph, the access checks every operation
 * starts with (one visibility rule, {@link Actor#seesCase}), the timeline, and telling open views
 * that a case changed.
 */
abstract class CaseTransactions {

    static final int MAX_TEXT = 10_000;
    static final int MAX_PAGE = 500;

    /** Binds {@code c} to the case if {@code $user} may see it. */
    static final String VISIBLE = "MATCH (c:Case {id: $caseId}) WHERE " + Actor.seesCase("c") + "\n";

    final Driver driver;

    private final Graph graph;
    final CaseBroadcaster broadcaster;

    CaseTransactions(Driver driver, CaseBroadcaster broadcaster) {
        this.driver = driver;
        this.graph = new Graph(driver);
        this.broadcaster = broadcaster;
    }

    <T> T changed(String caseId, T result) {
        broadcaster.changed(caseId);
        return result;
    }

    static void requireOpen(TransactionContext tx, String caseId) {
        String status = tx.run("MATCH (c:Case {id: $caseId}) RETURN c.status AS status", Map.of("caseId", caseId))
                .single()
                .get("status")
                .asString("OPEN");
        if ("CLOSED".equals(status)) {
            throw new CaseException(Reason.CONFLICT, "case " + caseId + " is closed: reopen it to attach");
        }
    }

    static Record requireVisible(TransactionContext tx, Actor actor, String caseId, boolean auditClosed) {
        var rows = tx.run(VISIBLE + """
                OPTIONAL MATCH (o:User)-[:OWNS]->(c)
                RETURN c, coalesce(o.username, c.openedBy) AS owner
                """, access(actor, caseId)).list();
        if (rows.isEmpty()) {
            throw CaseException.notFound(caseId);
        }
        if (auditClosed
                && "CLOSED".equals(rows.getFirst().get("c").get("status").asString())) {
            event(tx, caseId, actor, EventKind.AUDIT_READ, "read a closed case");
        }
        return rows.getFirst();
    }

    static CaseEvent event(TransactionContext tx, String caseId, Actor actor, EventKind kind, String detail) {
        return toEvent(
                tx.run("""
                MATCH (c:Case {id: $caseId})
                SET c.eventSeq = coalesce(c.eventSeq, 0) + 1
                CREATE (c)-[:HAS_EVENT]->(e:CaseEvent {seq: c.eventSeq, at: datetime(), actor: $actor, kind: $kind,
                                                       detail: $detail})
                RETURN e
                """, Map.of("caseId", caseId, "actor", actor.username(), "kind", kind.name(), "detail", detail))
                        .single()
                        .get("e"));
    }

    static CaseEvent toEvent(Value e) {
        return new CaseEvent(
                e.get("seq").asLong(),
                instant(e.get("at")),
                e.get("actor").asString(),
                EventKind.valueOf(e.get("kind").asString()),
                e.get("detail").asString(""));
    }

    static Instant instant(Value value) {
        if (value.isNull()) {
            return null;
        }
        return value.type().name().equals("STRING")
                ? Instant.parse(value.asString())
                : value.asZonedDateTime().toInstant();
    }

    static String checkText(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.length() > MAX_TEXT) {
            throw CaseException.invalid("text: 1-" + MAX_TEXT + " characters");
        }
        return t;
    }

    static Map<String, Object> access(Actor actor, String caseId) {
        return Map.of("caseId", caseId == null ? "" : caseId, "user", actor.username(), "admin", actor.admin());
    }

    <T> T write(org.neo4j.driver.TransactionCallback<T> work) {
        return graph.write(work);
    }

    <T> T read(org.neo4j.driver.TransactionCallback<T> work) {
        return graph.read(work);
    }
}
