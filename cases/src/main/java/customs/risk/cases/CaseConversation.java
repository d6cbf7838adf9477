package customs.risk.cases;

import customs.risk.cases.CaseModel.Attachment;
import customs.risk.cases.CaseModel.EventKind;
import customs.risk.cases.CaseModel.Message;
import customs.risk.cases.CaseModel.MessageVersion;
import customs.risk.cases.CaseModel.Posted;
import customs.risk.cases.CaseModel.Unread;
import customs.risk.graph.access.Actor;
import customs.risk.graph.access.RefusedException.Reason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The conversation of a case: messages {@code (:Case)-[:HAS_MESSAGE]->(:Message)}, their mentions,
 * edits (kept as versions), deletions and attachments, and what each user has not read yet. Only
 * those who see the case take part; only its author changes a message.
 *
 * <p>Message order: the case node carries a counter {@code messageSeq}. A post first takes the case's
 * write lock (the {@code _LOCK_} idiom of the Neo4j operations manual, "Concurrent data access"),
 * then looks for an earlier post with the same author and clientId, then increments the counter, all
 * in one transaction. Posts to one case are therefore serialised: seq is gap-free and follows commit
 * order, a retried post finds its first attempt, and a message is committed before it is answered.
 * Posting is not a timeline event (the message itself records who wrote what and when); edits and
 * deletions are.
 */
@Service
public class CaseConversation extends CaseTransactions {

    /** A message bound to {@code m} with its mentions and attachments. */
    private static final String RETURN_MESSAGE = """
            RETURN m, COLLECT { MATCH (m)-[:MENTIONS]->(u:User) RETURN u.username ORDER BY u.username } AS mentions,
                   COLLECT { MATCH (m)-[a:ATTACHES]->(d:Document)
                             RETURN d {.id, .fileName, .contentType} ORDER BY a.at, d.id } AS attachments
            """;

    private final ApplicationEventPublisher events;

    CaseConversation(Driver driver, CaseBroadcaster broadcaster, ApplicationEventPublisher events) {
        super(driver, broadcaster);
        this.events = events;
    }

    /**
     * Posts a message, idempotent per author and {@code clientId}: a retry of a post that did commit
     * returns the stored message ({@code created} false) rather than a second one. Without a clientId
     * the server makes one up, and a retry cannot be recognised.
     */
    public Posted post(Actor actor, String caseId, String text, String clientId) {
        String body = checkText(text);
        String client =
                clientId == null || clientId.isBlank() ? UUID.randomUUID().toString() : clientId.strip();
        if (client.length() > 100) {
            throw CaseException.invalid("clientId: at most 100 characters");
        }
        List<String> mentions = Mentions.in(body);
        Posted posted = write(tx -> {
            var params = new HashMap<String, Object>(access(actor, caseId));
            params.put("clientId", client);
            var locked = tx.run(VISIBLE + "SET c._LOCK_ = true RETURN c.status AS status", params)
                    .list();
            if (locked.isEmpty()) {
                throw CaseException.notFound(caseId);
            }
            var earlier = tx.run("""
                    MATCH (c:Case {id: $caseId})-[:HAS_MESSAGE]->(m:Message {clientId: $clientId})
                    WHERE m.author = $user
                    REMOVE c._LOCK_
                    RETURN m.id AS id
                    """, params).list();
            if (!earlier.isEmpty()) {
                return new Posted(message(tx, earlier.getFirst().get("id").asString()), false);
            }
            if ("CLOSED".equals(locked.getFirst().get("status").asString())) {
                throw new CaseException(Reason.CONFLICT, "case " + caseId + " is closed: reopen it to post");
            }
            String id = "MSG-" + UUID.randomUUID();
            params.put("id", id);
            params.put("text", body);
            tx.run("""
                    MATCH (c:Case {id: $caseId})
                    SET c.messageSeq = coalesce(c.messageSeq, 0) + 1
                    REMOVE c._LOCK_
                    CREATE (c)-[:HAS_MESSAGE]->(:Message {id: $id, seq: c.messageSeq, author: $user, text: $text,
                            createdAt: datetime(), clientId: $clientId, deleted: false})
                    """, params).consume();
            mention(tx, id, mentions);
            return new Posted(message(tx, id), true);
        });
        Message message = posted.message();
        if (posted.created()) {
            // Only once it is stored: every open view of the case shows it at once.
            broadcaster.publish(caseId, message);
        }
        var mentioned = message.mentions().stream()
                .filter(name -> !name.equals(actor.username()))
                .toList();
        if (posted.created() && !mentioned.isEmpty()) {
            events.publishEvent(
                    new CaseNotice.Mentioned(caseId, message.id(), actor.username(), message.text(), mentioned));
        }
        return posted;
    }

    /**
     * Messages with seq above {@code after}, in seq order, at most {@code limit}; marks them read for
     * the actor (unread counts). Audited when the case is closed.
     */
    public List<Message> messages(Actor actor, String caseId, long after, int limit) {
        if (after < 0 || limit < 1 || limit > MAX_PAGE) {
            throw CaseException.invalid("after >= 0, 1 <= limit <= " + MAX_PAGE);
        }
        return write(tx -> {
            requireVisible(tx, actor, caseId, true);
            var ids = tx.run("""
                    MATCH (:Case {id: $caseId})-[:HAS_MESSAGE]->(m:Message) WHERE m.seq > $after
                    RETURN m.id AS id ORDER BY m.seq LIMIT $limit
                    """, Map.of("caseId", caseId, "after", after, "limit", limit))
                    .list(r -> r.get("id").asString());
            List<Message> page = ids.stream().map(id -> message(tx, id)).toList();
            if (!page.isEmpty()) {
                tx.run(
                                """
                        MATCH (u:User {username: $user}), (c:Case {id: $caseId})
                        MERGE (u)-[r:READ_UP_TO]->(c)
                        SET r.seq = CASE WHEN coalesce(r.seq, 0) > $seq THEN r.seq ELSE $seq END
                        """,
                                Map.of(
                                        "user",
                                        actor.username(),
                                        "caseId",
                                        caseId,
                                        "seq",
                                        page.getLast().seq()))
                        .consume();
            }
            return page;
        });
    }

    public Message edit(Actor actor, String caseId, String messageId, String text) {
        String body = checkText(text);
        return published(caseId, write(tx -> {
            requireOwnMessage(tx, actor, caseId, messageId);
            tx.run("""
                    MATCH (m:Message {id: $id})
                    CREATE (m)-[:PREVIOUS_VERSION]->(:MessageVersion {text: m.text,
                            editedAt: coalesce(m.editedAt, m.createdAt)})
                    SET m.text = $text, m.editedAt = datetime()
                    WITH m
                    OPTIONAL MATCH (m)-[r:MENTIONS]->()
                    DELETE r
                    """, Map.of("id", messageId, "text", body)).consume();
            mention(tx, messageId, Mentions.in(body));
            event(tx, caseId, actor, EventKind.MESSAGE_EDITED, messageId);
            return message(tx, messageId);
        }));
    }

    public Message delete(Actor actor, String caseId, String messageId) {
        return published(caseId, write(tx -> {
            requireOwnMessage(tx, actor, caseId, messageId);
            tx.run("""
                    MATCH (m:Message {id: $id})
                    CREATE (m)-[:PREVIOUS_VERSION]->(:MessageVersion {text: m.text,
                            editedAt: coalesce(m.editedAt, m.createdAt)})
                    SET m.text = '', m.deleted = true, m.editedAt = datetime()
                    WITH m
                    OPTIONAL MATCH (m)-[r:MENTIONS]->()
                    DELETE r
                    """, Map.of("id", messageId)).consume();
            event(tx, caseId, actor, EventKind.MESSAGE_DELETED, messageId);
            return message(tx, messageId);
        }));
    }

    public List<MessageVersion> history(Actor actor, String caseId, String messageId) {
        return write(tx -> {
            requireVisible(tx, actor, caseId, true);
            var versions =
                    tx.run("""
                    MATCH (:Case {id: $caseId})-[:HAS_MESSAGE]->(m:Message {id: $id})
                    OPTIONAL MATCH (m)-[:PREVIOUS_VERSION]->(v:MessageVersion)
                    WITH m, v ORDER BY v.editedAt
                    RETURN count(m) AS found, collect(v) AS versions
                    """, Map.of("caseId", caseId, "id", messageId)).single();
            if (versions.get("found").asLong() == 0) {
                throw new CaseException(Reason.NOT_FOUND, "no message " + messageId + " in case " + caseId);
            }
            return versions.get("versions")
                    .asList(v -> new MessageVersion(v.get("text").asString(), instant(v.get("editedAt"))));
        });
    }

    public List<Unread> unread(Actor actor) {
        return read(tx -> tx.run("""
                MATCH (u:User {username: $user})
                MATCH (c:Case)
                WHERE EXISTS { (u)-[:OWNS|MEMBER_OF]->(c) }
                   OR (c.openedBy = $user AND NOT EXISTS { (:User)-[:OWNS]->(c) })
                OPTIONAL MATCH (u)-[r:READ_UP_TO]->(c)
                WITH c, coalesce(r.seq, 0) AS seen
                RETURN c.id AS id, c.title AS title,
                       COUNT { (c)-[:HAS_MESSAGE]->(m:Message)
                               WHERE m.seq > seen AND m.author <> $user AND NOT m.deleted } AS unread
                ORDER BY id
                """, Map.of("user", actor.username()))
                .list(r -> new Unread(
                        r.get("id").asString(),
                        r.get("title").asString(),
                        r.get("unread").asLong())));
    }

    /**
     * Checks, before a file is stored, that the actor may attach to the message: their own message,
     * not deleted, in a case they see that is not closed.
     */
    void requireAttachable(Actor actor, String caseId, String messageId) {
        write(tx -> {
            requireOwnMessage(tx, actor, caseId, messageId);
            requireOpen(tx, caseId);
            return null;
        });
    }

    /**
     * Links a filed document to one's own message ({@code ATTACHES}) and to the case ({@code ABOUT}),
     * checking access again in the same transaction, and records an {@code ATTACHMENT_ADDED} event.
     * Attaching the same document twice links it once.
     */
    Message attach(Actor actor, String caseId, String messageId, String documentId) {
        return published(caseId, write(tx -> {
            requireOwnMessage(tx, actor, caseId, messageId);
            requireOpen(tx, caseId);
            boolean created = tx.run("""
                    MATCH (c:Case {id: $caseId})-[:HAS_MESSAGE]->(m:Message {id: $id}), (d:Document {id: $documentId})
                    OPTIONAL MATCH (m)-[old:ATTACHES]->(d)
                    WITH c, m, d, old IS NULL AS created
                    MERGE (m)-[a:ATTACHES]->(d) ON CREATE SET a.at = datetime()
                    MERGE (c)-[:ABOUT]->(d)
                    RETURN created
                    """, Map.of("caseId", caseId, "id", messageId, "documentId", documentId))
                    .single()
                    .get("created")
                    .asBoolean();
            if (created) {
                event(tx, caseId, actor, EventKind.ATTACHMENT_ADDED, messageId + ": Document:" + documentId);
            }
            return message(tx, messageId);
        }));
    }

    private Message published(String caseId, Message changed) {
        broadcaster.publish(caseId, changed);
        return changed(caseId, changed);
    }

    private void requireOwnMessage(TransactionContext tx, Actor actor, String caseId, String messageId) {
        requireVisible(tx, actor, caseId, false);
        var rows = tx.run("""
                MATCH (:Case {id: $caseId})-[:HAS_MESSAGE]->(m:Message {id: $id}) RETURN m.author AS author, m.deleted AS deleted
                """, Map.of("caseId", caseId, "id", messageId)).list();
        if (rows.isEmpty()) {
            throw new CaseException(Reason.NOT_FOUND, "no message " + messageId + " in case " + caseId);
        }
        if (!actor.username().equals(rows.getFirst().get("author").asString())) {
            throw new CaseException(Reason.FORBIDDEN, "only its author may change a message");
        }
        if (rows.getFirst().get("deleted").asBoolean(false)) {
            throw new CaseException(Reason.CONFLICT, "message " + messageId + " is deleted");
        }
    }

    private static void mention(TransactionContext tx, String messageId, List<String> names) {
        if (!names.isEmpty()) {
            tx.run("""
                    MATCH (m:Message {id: $id})
                    UNWIND $names AS name
                    MATCH (u:User {username: name})
                    MERGE (m)-[:MENTIONS]->(u)
                    """, Map.of("id", messageId, "names", names)).consume();
        }
    }

    private static Message message(TransactionContext tx, String id) {
        return toMessage(tx.run("MATCH (m:Message {id: $id})\n" + RETURN_MESSAGE, Map.of("id", id))
                .single());
    }

    /**
     * Every message of the case in seq order, deleted ones in their place; marks nothing read. The
     * caller has checked access.
     */
    static List<Message> transcript(TransactionContext tx, String caseId) {
        return tx.run(
                        "MATCH (:Case {id: $caseId})-[:HAS_MESSAGE]->(m:Message)\n" + RETURN_MESSAGE + "ORDER BY m.seq",
                        Map.of("caseId", caseId))
                .list(CaseConversation::toMessage);
    }

    private static Message toMessage(Record r) {
        Value m = r.get("m");
        return new Message(
                m.get("id").asString(),
                m.get("seq").asLong(),
                m.get("author").asString(),
                m.get("text").asString(),
                instant(m.get("createdAt")),
                m.get("clientId").asString(),
                instant(m.get("editedAt")),
                m.get("deleted").asBoolean(false),
                r.get("mentions").asList(Value::asString),
                r.get("attachments").asList(CaseConversation::toAttachment));
    }

    private static Attachment toAttachment(Value d) {
        String id = d.get("id").asString();
        String type = d.get("contentType").asString("application/octet-stream");
        return new Attachment(
                id, d.get("fileName").asString(id), type, "/api/documents/" + id + "/file", type.startsWith("image/"));
    }
}
