package customs.risk.cases;

import customs.risk.cases.CaseModel.CaseDetails;
import customs.risk.cases.CaseModel.CaseEvent;
import customs.risk.cases.CaseModel.CaseFile;
import customs.risk.cases.CaseModel.Changes;
import customs.risk.cases.CaseModel.EventKind;
import customs.risk.cases.CaseModel.Priority;
import customs.risk.cases.CaseModel.Status;
import customs.risk.cases.CaseModel.Subject;
import customs.risk.documents.filing.CaseDocumentRead;
import customs.risk.engine.explore.NodeRef;
import customs.risk.graph.NodeLabel;
import customs.risk.graph.access.Actor;
import customs.risk.graph.access.RefusedException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Investigation cases, in the graph (their conversation is {@link CaseConversation}): {@code (:Case)} owned by one
 * {@code (:User)-[:OWNS]}, worked by {@code (:User)-[:MEMBER_OF]}, {@code -[:ABOUT]->} the companies,
 * people, declarations and documents under investigation, with a timeline of
 * {@code -[:HAS_EVENT]->(:CaseEvent)} and messages {@code -[:HAS_MESSAGE]->(:Message)}.
 *
 * <p>Only the owner, the members and admins see a case; to anyone else it does not exist
 * ({@link Reason#NOT_FOUND}). Each operation is one write transaction that checks access, changes
 * and records the timeline event together, so no change goes unrecorded; a read of a closed case
 * records an {@code AUDIT_READ}. Posting a message is not a timeline event: the message itself
 * records who wrote what and when; its edits and deletions are.
 *
 * <p>Cases opened from the entity page (before case owners existed) have no {@code OWNS} yet:
 * their {@code openedBy} counts as the owner until someone is made owner here.
 *
 * <p>After a commit, mentions and assignments are published as {@link CaseNotice}s; listeners (e-mail)
 * run after the change is durable and cannot undo it.
 */
@Service
public class CaseService extends CaseTransactions {

    /** What a case may be about; all keyed by {@code id}. */
    static final Set<NodeLabel> LINKABLE =
            Set.of(NodeLabel.COMPANY, NodeLabel.PERSON, NodeLabel.DECLARATION, NodeLabel.DOCUMENT);

    static final int MAX_TITLE = 200;

    /** What a case shows, for each case bound to {@code c}; takes {@code $labels}. */
    private static final String RETURN_VIEW = """
            OPTIONAL MATCH (o:User)-[:OWNS]->(c)
            RETURN c, coalesce(o.username, c.openedBy) AS owner,
                   COLLECT { MATCH (m:User)-[:MEMBER_OF]->(c) RETURN m.username ORDER BY m.username } AS members,
                   COLLECT { MATCH (c)-[:ABOUT]->(n)
                             WITH [l IN labels(n) WHERE l IN $labels][0] AS label, coalesce(n.id, n.code, n.key) AS key
                             RETURN label + ':' + key AS ref ORDER BY ref } AS links,
                   COLLECT { MATCH (c)-[:ABOUT]->(n) WHERE (n:Company OR n:Person) AND trim(coalesce(n.name, '')) <> ''
                             RETURN [CASE WHEN n:Company THEN 'Company' ELSE 'Person' END + ':' + n.id, n.name] } AS linkNames
            """;

    private static final String VIEW = "MATCH (c:Case {id: $caseId})\n" + RETURN_VIEW;

    /** Open cases first, newest first. */
    private static final String NEWEST_OPEN_FIRST = """
            ORDER BY CASE c.status WHEN 'CLOSED' THEN 1 ELSE 0 END, coalesce(c.createdAt, datetime(c.openedAt)) DESC, c.id
            """;

    /** The labels of what a case may show as linked: every node label but cases themselves. */
    private static final List<String> VIEW_LABELS = Arrays.stream(NodeLabel.values())
            .filter(label -> label != NodeLabel.CASE)
            .map(NodeLabel::cypher)
            .toList();

    private final ApplicationEventPublisher events;

    CaseService(Driver driver, CaseBroadcaster broadcaster, ApplicationEventPublisher events) {
        super(driver, broadcaster);
        this.events = events;
    }

    public CaseDetails create(Actor actor, String title, Priority priority, List<String> about, List<String> members) {
        String checkedTitle = checkTitle(title);
        Priority checkedPriority = priority == null ? Priority.MEDIUM : priority;
        List<NodeRef> refs = about == null
                ? List.of()
                : about.stream().map(CaseService::linkable).toList();
        String id = "CASE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        CaseDetails view = write(tx -> {
            var created = tx.run(
                            """
                    MATCH (u:User {username: $user})
                    CREATE (u)-[:OWNS]->(c:Case {id: $caseId, title: $title, status: 'OPEN', priority: $priority,
                                                  createdAt: datetime(), openedBy: $user, openedAt: toString(datetime())})
                    RETURN c.id
                    """,
                            Map.of(
                                    "user",
                                    actor.username(),
                                    "caseId",
                                    id,
                                    "title",
                                    checkedTitle,
                                    "priority",
                                    checkedPriority.name()))
                    .list();
            if (created.isEmpty()) {
                throw new CaseException(Reason.FORBIDDEN, "no user " + actor.username());
            }
            event(tx, id, actor, EventKind.CREATED, checkedTitle);
            for (NodeRef ref : refs) {
                link(tx, id, actor, ref);
            }
            for (String member : members == null ? List.<String>of() : members) {
                addMember(tx, id, actor, member);
            }
            return view(tx, id);
        });
        for (String member : view.members()) {
            events.publishEvent(new CaseNotice.Assigned(id, view.title(), member, false, actor.username()));
        }
        return view;
    }

    /** The case; reading a closed case is audited. */
    public CaseDetails get(Actor actor, String caseId) {
        return write(tx -> {
            requireVisible(tx, actor, caseId, true);
            return view(tx, caseId);
        });
    }

    /** Cases the actor owns or is a member of (also for admins: their own), open ones first, newest first. */
    public List<CaseDetails> mine(Actor actor) {
        // One query for all of them; an admin's right to see every case does not make them theirs.
        return read(tx -> tx.run(
                        "MATCH (c:Case) WHERE " + Actor.seesCase("c") + "\n" + RETURN_VIEW + NEWEST_OPEN_FIRST,
                        Map.of("user", actor.username(), "admin", false, "labels", VIEW_LABELS))
                .list(CaseService::toView));
    }

    /**
     * Every case, for administrators: open ones first, newest first, one page of them.
     *
     * @throws CaseException FORBIDDEN for anyone but an administrator
     */
    public List<CaseDetails> all(Actor actor, int offset, int limit) {
        requireAdmin(actor);
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw CaseException.invalid("offset >= 0, 1 <= limit <= " + MAX_PAGE);
        }
        return read(tx -> tx.run(
                        "MATCH (c:Case)\n" + RETURN_VIEW + NEWEST_OPEN_FIRST + "SKIP $offset LIMIT $limit",
                        Map.of("offset", offset, "limit", limit, "labels", VIEW_LABELS))
                .list(CaseService::toView));
    }

    /** How many cases there are, for administrators. */
    public long countAll(Actor actor) {
        requireAdmin(actor);
        return read(tx ->
                tx.run("MATCH (c:Case) RETURN count(c) AS n").single().get("n").asLong());
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.admin()) {
            throw new CaseException(Reason.FORBIDDEN, "only administrators list every case");
        }
    }

    /**
     * Changes title, status, priority or owner, one timeline event per field that changes. Closing
     * needs an outcome; reopening drops it. A new owner must be an enabled staff user; the former
     * owner stays on the case as a member.
     */
    public CaseDetails update(Actor actor, String caseId, Changes changes) {
        var newOwner = new ArrayList<String>(1);
        CaseDetails view = write(tx -> {
            newOwner.clear();
            Record current = requireVisible(tx, actor, caseId, false);
            Value c = current.get("c");
            if (changes.title() != null) {
                String title = checkTitle(changes.title());
                if (!title.equals(c.get("title").asString())) {
                    set(tx, caseId, "SET c.title = $value", title);
                    event(tx, caseId, actor, EventKind.TITLE_CHANGED, title);
                }
            }
            Status status = Status.valueOf(c.get("status").asString("OPEN"));
            String outcome =
                    changes.outcome() == null ? null : changes.outcome().strip();
            if (outcome != null && changes.status() != Status.CLOSED) {
                throw CaseException.invalid("an outcome is given when closing: status CLOSED");
            }
            if (changes.status() != null && changes.status() != status) {
                if (changes.status() == Status.CLOSED) {
                    if (outcome == null || outcome.isEmpty() || outcome.length() > MAX_TEXT) {
                        throw CaseException.invalid("closing a case needs an outcome (1-" + MAX_TEXT + " characters)");
                    }
                    set(tx, caseId, "SET c.status = 'CLOSED', c.outcome = $value, c.closedAt = datetime()", outcome);
                    event(tx, caseId, actor, EventKind.STATUS_CHANGED, status + " -> CLOSED: " + outcome);
                } else {
                    set(
                            tx,
                            caseId,
                            "SET c.status = $value REMOVE c.outcome, c.closedAt",
                            changes.status().name());
                    event(tx, caseId, actor, EventKind.STATUS_CHANGED, status + " -> " + changes.status());
                }
            }
            if (changes.priority() != null
                    && !changes.priority().name().equals(c.get("priority").asString("MEDIUM"))) {
                set(tx, caseId, "SET c.priority = $value", changes.priority().name());
                event(
                        tx,
                        caseId,
                        actor,
                        EventKind.PRIORITY_CHANGED,
                        c.get("priority").asString("MEDIUM") + " -> " + changes.priority());
            }
            if (changes.owner() != null
                    && changeOwner(tx, caseId, actor, current.get("owner").asString(null), changes.owner())) {
                newOwner.add(view(tx, caseId).owner());
            }
            return view(tx, caseId);
        });
        for (String owner : newOwner) {
            events.publishEvent(new CaseNotice.Assigned(caseId, view.title(), owner, true, actor.username()));
        }
        return changed(caseId, view);
    }

    public CaseDetails addMember(Actor actor, String caseId, String username) {
        var added = new ArrayList<String>(1);
        CaseDetails view = write(tx -> {
            added.clear();
            requireVisible(tx, actor, caseId, false);
            if (addMember(tx, caseId, actor, username)) {
                added.add(username.strip().toLowerCase(Locale.ROOT));
            }
            return view(tx, caseId);
        });
        for (String member : added) {
            events.publishEvent(new CaseNotice.Assigned(caseId, view.title(), member, false, actor.username()));
        }
        return changed(caseId, view);
    }

    public CaseDetails removeMember(Actor actor, String caseId, String username) {
        return changed(caseId, write(tx -> {
            requireVisible(tx, actor, caseId, false);
            String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
            var removed = tx.run("""
                    MATCH (:User {username: $name})-[r:MEMBER_OF]->(:Case {id: $caseId}) DELETE r RETURN count(*)
                    """, Map.of("name", name, "caseId", caseId))
                    .single()
                    .get(0)
                    .asLong();
            if (removed > 0) {
                event(tx, caseId, actor, EventKind.MEMBER_REMOVED, name);
            }
            return view(tx, caseId);
        }));
    }

    /** Links a company, person, declaration or document given as {@code Label:id}. */
    public CaseDetails link(Actor actor, String caseId, String entity) {
        NodeRef ref = linkable(entity);
        return changed(caseId, write(tx -> {
            requireVisible(tx, actor, caseId, false);
            link(tx, caseId, actor, ref);
            return view(tx, caseId);
        }));
    }

    public CaseDetails unlink(Actor actor, String caseId, String entity) {
        NodeRef ref = linkable(entity);
        return changed(caseId, write(tx -> {
            requireVisible(tx, actor, caseId, false);
            var removed = tx.run(
                            "MATCH (:Case {id: $caseId})-[r:ABOUT]->"
                                    + ref.label().pattern("n", "key") + " WITH r, n.name AS name DELETE r"
                                    + " RETURN count(*) AS removed, collect(name)[0] AS name",
                            Map.of("caseId", caseId, "key", ref.key()))
                    .single();
            if (removed.get("removed").asLong() > 0) {
                event(tx, caseId, actor, EventKind.ENTITY_UNLINKED, named(ref, removed.get("name")));
            }
            return view(tx, caseId);
        }));
    }

    public CaseEvent addNote(Actor actor, String caseId, String text) {
        String note = checkText(text);
        return changed(caseId, write(tx -> {
            requireVisible(tx, actor, caseId, false);
            return event(tx, caseId, actor, EventKind.NOTE, note);
        }));
    }

    /** Records in the case's trail that someone read a document filed into it. */
    @EventListener
    void documentRead(CaseDocumentRead read) {
        changed(
                read.caseId(),
                write(tx -> event(
                        tx,
                        read.caseId(),
                        new Actor(read.reader(), false),
                        EventKind.ATTACHMENT_READ,
                        "Document:" + read.documentId() + " " + read.how())));
    }

    /** Everything that happened to the case, oldest first; reading a closed case's timeline is audited. */
    public List<CaseEvent> timeline(Actor actor, String caseId) {
        return write(tx -> {
            requireVisible(tx, actor, caseId, true);
            return events(tx, caseId);
        });
    }

    /**
     * The whole file of the case for its report, in one transaction so that its parts agree: the
     * case, what it is about with names and risk, the timeline and every message. Unlike
     * {@link CaseConversation#messages} it marks no message read: a report is not a reading of the
     * conversation. Reading a closed case's file is audited like any read of it.
     */
    public CaseFile file(Actor actor, String caseId) {
        return write(tx -> {
            requireVisible(tx, actor, caseId, true);
            return new CaseFile(
                    view(tx, caseId),
                    subjects(tx, actor, caseId),
                    events(tx, caseId),
                    CaseConversation.transcript(tx, caseId));
        });
    }

    private static List<CaseEvent> events(TransactionContext tx, String caseId) {
        return tx.run("""
                MATCH (:Case {id: $caseId})-[:HAS_EVENT]->(e:CaseEvent)
                RETURN e ORDER BY e.seq
                """, Map.of("caseId", caseId)).list(r -> toEvent(r.get("e")));
    }

    /** What the case is about and the actor sees (not a document filed into a case hidden from them), riskiest first. */
    private static List<Subject> subjects(TransactionContext tx, Actor actor, String caseId) {
        var parameters = actor.parameters(Map.of(
                "caseId",
                caseId,
                "labels",
                LINKABLE.stream().map(NodeLabel::cypher).toList()));
        return tx.run("MATCH (:Case {id: $caseId})-[:ABOUT]->(n) WHERE " + Actor.sees("n") + "\n" + """
                        WITH n, [l IN labels(n) WHERE l IN $labels][0] AS label
                        WHERE label IS NOT NULL
                        RETURN label, n.id AS key, coalesce(n.name, n.description, n.fileName, n.id) AS name,
                               n.riskScore AS score, n.riskLane AS lane, coalesce(n.riskReasons, []) AS reasons
                        ORDER BY coalesce(n.riskScore, -1) DESC, label, key
                        """, parameters)
                .list(r -> new Subject(
                        r.get("label").asString(),
                        r.get("key").asString(),
                        r.get("name").asString(),
                        r.get("score").asDouble(Double.NaN),
                        r.get("lane").asString(""),
                        r.get("reasons").asList(Value::asString)));
    }

    /** Replaces the text of one's own message; the former text is kept as a {@code MessageVersion}. */

    /** Deletes one's own message: its place and seq stay, its text moves to the history. */

    /** Former texts of a message, oldest first. */

    /** Per case of the actor's, how many messages by others it has not fetched yet (deleted ones not counted). */

    /** Tells the open views about a stored change to a message they may already show, and its timeline event. */

    /** Tells the open views that the case or its timeline changed, once the change is stored. */

    /** @return true when the user was not on the case before */
    private boolean addMember(TransactionContext tx, String caseId, Actor actor, String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        var user = tx.run("""
                MATCH (u:User {username: $name}) WHERE u.enabled AND NOT 'TRADER' IN u.roles
                MATCH (c:Case {id: $caseId})
                RETURN EXISTS { (u)-[:OWNS|MEMBER_OF]->(c) } OR c.openedBy = u.username AS already
                """, Map.of("name", name, "caseId", caseId)).list();
        if (user.isEmpty()) {
            throw CaseException.invalid("no enabled staff user '" + name + "'");
        }
        if (!user.getFirst().get("already").asBoolean()) {
            tx.run(
                            "MATCH (u:User {username: $name}), (c:Case {id: $caseId}) CREATE (u)-[:MEMBER_OF]->(c)",
                            Map.of("name", name, "caseId", caseId))
                    .consume();
            event(tx, caseId, actor, EventKind.MEMBER_ADDED, name);
            return true;
        }
        return false;
    }

    /** @return true when the owner changed */
    private boolean changeOwner(TransactionContext tx, String caseId, Actor actor, String former, String owner) {
        String name = owner.strip().toLowerCase(Locale.ROOT);
        if (name.equals(former)) {
            return false;
        }
        boolean staff = !tx.run("""
                MATCH (u:User {username: $name}) WHERE u.enabled AND NOT 'TRADER' IN u.roles RETURN u.username
                """, Map.of("name", name)).list().isEmpty();
        if (!staff) {
            throw CaseException.invalid("no enabled staff user '" + name + "'");
        }
        tx.run("""
                MATCH (c:Case {id: $caseId})
                OPTIONAL MATCH (:User)-[o:OWNS]->(c)
                DELETE o
                """, Map.of("caseId", caseId)).consume();
        tx.run("""
                MATCH (u:User {username: $name}), (c:Case {id: $caseId})
                OPTIONAL MATCH (u)-[m:MEMBER_OF]->(c)
                DELETE m
                CREATE (u)-[:OWNS]->(c)
                """, Map.of("name", name, "caseId", caseId)).consume();
        if (former != null) {
            tx.run("""
                    MATCH (f:User {username: $former}), (c:Case {id: $caseId})
                    MERGE (f)-[:MEMBER_OF]->(c)
                    """, Map.of("former", former, "caseId", caseId)).consume();
        }
        event(tx, caseId, actor, EventKind.OWNER_CHANGED, former + " -> " + name);
        return true;
    }

    /** How the timeline names an entity: by its name with the reference, e.g. "Aurora Ltd (Company:KR-1)". */
    private static String named(NodeRef ref, org.neo4j.driver.Value name) {
        return name.isNull() || name.asString().isBlank() ? ref.toString() : name.asString() + " (" + ref + ")";
    }

    private void link(TransactionContext tx, String caseId, Actor actor, NodeRef ref) {
        // A document filed into a case the actor may not see is as absent to them as one never filed.
        var parameters = actor.parameters(Map.of("caseId", caseId, "key", ref.key()));
        var rows = tx.run(
                        "MATCH (c:Case {id: $caseId}), " + ref.label().pattern("n", "key") + " WHERE " + Actor.sees("n")
                                + " RETURN EXISTS { (c)-[:ABOUT]->(n) } AS linked, n.name AS name",
                        parameters)
                .list();
        if (rows.isEmpty()) {
            throw CaseException.invalid("no " + ref + " in the graph");
        }
        if (!rows.getFirst().get("linked").asBoolean()) {
            tx.run(
                            "MATCH (c:Case {id: $caseId}), " + ref.label().pattern("n", "key")
                                    + " CREATE (c)-[:ABOUT]->(n)",
                            Map.of("caseId", caseId, "key", ref.key()))
                    .consume();
            event(
                    tx,
                    caseId,
                    actor,
                    EventKind.ENTITY_LINKED,
                    named(ref, rows.getFirst().get("name")));
        }
    }

    /** Appends to the timeline; the case's {@code eventSeq} orders events (and locks the case meanwhile). */
    private static void set(TransactionContext tx, String caseId, String set, String value) {
        tx.run("MATCH (c:Case {id: $caseId}) " + set, Map.of("caseId", caseId, "value", value))
                .consume();
    }

    private static CaseDetails view(TransactionContext tx, String caseId) {
        return toView(
                tx.run(VIEW, Map.of("caseId", caseId, "labels", VIEW_LABELS)).single());
    }

    private static CaseDetails toView(Record r) {
        Value c = r.get("c");
        Value created = c.get("createdAt").isNull() ? c.get("openedAt") : c.get("createdAt");
        return new CaseDetails(
                c.get("id").asString(),
                c.get("title").asString(""),
                Status.valueOf(c.get("status").asString("OPEN")),
                c.get("outcome").asString(null),
                Priority.valueOf(c.get("priority").asString("MEDIUM")),
                r.get("owner").asString(null),
                r.get("members").asList(Value::asString),
                r.get("links").asList(Value::asString),
                linkNames(r.get("linkNames")),
                instant(created),
                instant(c.get("closedAt")),
                c.get("messageSeq").asLong(0));
    }

    /** {@code [[ref, name], ...]} as a map. */
    private static Map<String, String> linkNames(Value pairs) {
        var names = new java.util.HashMap<String, String>();
        for (Value pair : pairs.values()) {
            names.put(pair.get(0).asString(), pair.get(1).asString());
        }
        return names;
    }

    /** Datetimes as written here; strings as cases opened before case owners existed have them. */
    private static NodeRef linkable(String entity) {
        return NodeRef.parse(entity)
                .filter(ref -> LINKABLE.contains(ref.label()))
                .orElseThrow(() -> CaseException.invalid(
                        "link a Company, Person, Declaration or Document as Label:id, not '" + entity + "'"));
    }

    private static String checkTitle(String title) {
        String t = title == null ? "" : title.strip();
        if (t.isEmpty() || t.length() > MAX_TITLE) {
            throw CaseException.invalid("title: 1-" + MAX_TITLE + " characters");
        }
        return t;
    }
}
