package customs.risk.cases.mail;

import customs.risk.graph.store.Graph;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Value;

/**
 * Notification mails the SMTP server has not accepted yet, kept in the graph as
 * {@code :PendingMail} so that neither a mail server outage nor a restart loses them. Each is keyed
 * by its {@code Message-ID} and recipient; keeping one again only records another failed attempt.
 */
final class MailOutbox {

    /** One mail to one recipient, as it is sent. */
    record OutgoingMail(String to, String messageId, String subject, String text) {}

    /** A kept mail with how often sending it failed. */
    record PendingMail(OutgoingMail mail, int attempts) {}

    private final Graph graph;

    MailOutbox(Driver driver) {
        this.graph = new Graph(driver);
    }

    /** Records a failed attempt; the next one is due after {@code wait}. */
    void failed(OutgoingMail mail, String problem, Duration wait) {
        write(
                """
                MERGE (p:PendingMail {messageId: $messageId, to: $to})
                ON CREATE SET p.subject = $subject, p.text = $text, p.createdAt = datetime(), p.attempts = 0
                SET p.attempts = p.attempts + 1, p.lastError = $problem, p.dueAt = $dueAt
                """,
                Map.of(
                        "messageId",
                        mail.messageId(),
                        "to",
                        mail.to(),
                        "subject",
                        mail.subject(),
                        "text",
                        mail.text(),
                        "problem",
                        problem,
                        "dueAt",
                        Instant.now().plus(wait).atZone(ZoneOffset.UTC)));
    }

    /** The mails whose next attempt is due, oldest first. */
    List<PendingMail> due(int limit) {
        return graph.read(tx -> tx.run("""
                MATCH (p:PendingMail) WHERE p.dueAt <= datetime()
                RETURN p ORDER BY p.createdAt LIMIT $limit
                """, Map.of("limit", limit)).list(r -> toPending(r.get("p"))));
    }

    /** Forgets a mail: sent at last, or given up. */
    void remove(OutgoingMail mail) {
        write(
                "MATCH (p:PendingMail {messageId: $messageId, to: $to}) DELETE p",
                Map.of("messageId", mail.messageId(), "to", mail.to()));
    }

    long size() {
        return graph.read(tx -> tx.run("MATCH (p:PendingMail) RETURN count(p) AS n")
                .single()
                .get("n")
                .asLong());
    }

    private void write(String cypher, Map<String, Object> parameters) {
        graph.update(tx -> tx.run(cypher, parameters).consume());
    }

    private static PendingMail toPending(Value p) {
        return new PendingMail(
                new OutgoingMail(
                        p.get("to").asString(),
                        p.get("messageId").asString(),
                        p.get("subject").asString(),
                        p.get("text").asString()),
                p.get("attempts").asInt());
    }
}
