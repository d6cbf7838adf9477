package customs.risk.cases.announcements;

import customs.risk.graph.access.Role;
import customs.risk.graph.store.Graph;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Formal notices to everyone or to one role, in the graph: {@code (:Announcement {id, title, text,
 * audience, author, createdAt})} and {@code (:User)-[:ACKNOWLEDGED {at}]->(:Announcement)}.
 *
 * <p>{@code ALL} means every user, traders included; a notice for staff only is addressed to a role.
 * Who may publish is the REST layer's rule ({@code ApiAccess}); this service decides who is addressed.
 * An announcement not addressed to a user does not exist for that user.
 */
@Service
public class AnnouncementService {

    public static final String ALL = "ALL";
    static final int MAX_TITLE = 200;
    static final int MAX_TEXT = 10_000;
    static final int MAX_LIST = 200;

    /** Binds {@code u} to the reader and {@code n} to each announcement addressed to them. */
    private static final String ADDRESSED = """
            MATCH (u:User {username: $user}), (n:Announcement)
            WHERE (n.audience = 'ALL' OR n.audience IN u.roles)
            """;

    private static final String VIEW = """
            OPTIONAL MATCH (u)-[a:ACKNOWLEDGED]->(n)
            RETURN n, a.at AS ackAt
            """;

    private final Graph graph;
    private final ApplicationEventPublisher events;

    AnnouncementService(Driver driver, ApplicationEventPublisher events) {
        this.graph = new Graph(driver);
        this.events = events;
    }

    /**
     * Stores and publishes an announcement.
     *
     * @param audience {@code ALL} or a role name
     * @throws IllegalArgumentException for an empty or too long title or text, or an unknown audience
     */
    public Announcement publish(String author, String title, String text, String audience) {
        String t = checked("title", title, MAX_TITLE);
        String body = checked("text", text, MAX_TEXT);
        String to =
                audience == null || audience.isBlank() ? ALL : audience.strip().toUpperCase(Locale.ROOT);
        if (!to.equals(ALL)
                && Arrays.stream(Role.values()).noneMatch(r -> r.name().equals(to))) {
            throw new IllegalArgumentException("audience: ALL or one of " + Arrays.toString(Role.values()));
        }
        String id = "ANN-" + UUID.randomUUID();
        Announcement created;
        created = graph.write(tx ->
                toAnnouncement(tx.run("""
                CREATE (n:Announcement {id: $id, title: $title, text: $text, audience: $audience, author: $author,
                                        createdAt: datetime()})
                RETURN n, null AS ackAt
                """, Map.of("id", id, "title", t, "text", body, "audience", to, "author", author))
                        .single()));
        events.publishEvent(new AnnouncementPublished(created));
        return created;
    }

    /** Announcements addressed to the user, newest first, at most {@value #MAX_LIST}. */
    public List<Announcement> addressedTo(String username) {
        return graph.read(tx -> tx.run(
                        ADDRESSED + VIEW + " ORDER BY n.createdAt DESC, n.id LIMIT $limit",
                        Map.of("user", username, "limit", MAX_LIST))
                .list(AnnouncementService::toAnnouncement));
    }

    /**
     * Acknowledges an announcement addressed to the user; a second acknowledgement keeps the first's time.
     *
     * @return empty when no such announcement is addressed to the user
     */
    public Optional<Announcement> acknowledge(String username, String id) {
        return graph
                .write(tx -> tx.run(ADDRESSED + """
                AND n.id = $id
                MERGE (u)-[a:ACKNOWLEDGED]->(n) ON CREATE SET a.at = datetime()
                RETURN n, a.at AS ackAt
                """, Map.of("user", username, "id", id))
                        .list(AnnouncementService::toAnnouncement))
                .stream()
                .findFirst();
    }

    /**
     * Who acknowledged the announcement and which enabled users of its audience have not yet.
     *
     * @return empty for an unknown announcement
     */
    public Optional<Acknowledgements> acknowledgements(String id) {
        var rows = graph.read(tx -> tx.run("""
                MATCH (n:Announcement {id: $id})
                RETURN n.audience AS audience,
                       COLLECT { MATCH (u:User)-[a:ACKNOWLEDGED]->(n)
                                 RETURN {username: u.username, at: a.at} AS ack ORDER BY a.at, u.username } AS acks,
                       COLLECT { MATCH (u:User) WHERE u.enabled AND (n.audience = 'ALL' OR n.audience IN u.roles)
                                   AND NOT EXISTS { (u)-[:ACKNOWLEDGED]->(n) }
                                 RETURN u.username ORDER BY u.username } AS pending
                """, Map.of("id", id)).list());
        return rows.stream().findFirst().map(r -> toAcknowledgements(id, r));
    }

    private static Acknowledgements toAcknowledgements(String id, Record r) {
        return new Acknowledgements(
                id,
                r.get("audience").asString(),
                r.get("acks")
                        .asList(a -> new Acknowledgements.Ack(a.get("username").asString(), instant(a.get("at")))),
                r.get("pending").asList(Value::asString));
    }

    private static Announcement toAnnouncement(Record r) {
        Value n = r.get("n");
        Instant ackAt = instant(r.get("ackAt"));
        return new Announcement(
                n.get("id").asString(),
                n.get("title").asString(),
                n.get("text").asString(),
                n.get("audience").asString(),
                n.get("author").asString(),
                instant(n.get("createdAt")),
                ackAt != null,
                ackAt);
    }

    private static Instant instant(Value value) {
        return value.isNull() ? null : value.asZonedDateTime().toInstant();
    }

    private static String checked(String field, String value, int max) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.length() > max) {
            throw new IllegalArgumentException(field + ": 1-" + max + " characters");
        }
        return v;
    }
}
