package customs.risk.cases.alerts;

import customs.risk.cases.LiveListeners;
import customs.risk.documents.filing.DocumentService;
import customs.risk.engine.ranking.Lane;
import customs.risk.engine.ranking.RankingFilter;
import customs.risk.graph.access.Actor;
import customs.risk.graph.store.Graph;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watchlists and alerts. Users watch companies (their whole party), people, saved declaration
 * filters and saved document searches; the team of an open case follows what the case is about.
 * A {@link #sweep()} after each load and scoring (and every few minutes) finds what changed, stores
 * it in the graph as alerts (one per kind of change, party and watcher), notes what it read and
 * records what each watch has now seen, all in one transaction, and then tells the watchers' open
 * sessions. Mail goes out afterwards from what is stored, so a restart or a mail outage loses nothing.
 */
public class AlertService {

    private static final Logger log = LoggerFactory.getLogger(AlertService.class);

    /** Alerts shown within one group; the count says how many more there are. */
    public static final int GROUP_SHOWN = 5;

    /** Changes listed in one alert; its count says how many it stands for. */
    public static final int ITEMS_KEPT = 20;

    private static final int BATCH = 10_000;

    /**
     * What a sweep did.
     *
     * @param watches watches looked at
     * @param declarations new declarations read
     * @param documents new documents read
     * @param alerts alerts stored (those found before not counted)
     * @param took wall-clock time
     * @param stages the time of each stage, in order
     */
    public record Sweep(
            int watches, int declarations, int documents, int alerts, Duration took, Map<String, Duration> stages) {}

    /** Stops live updates; closing twice does nothing more. */
    public interface Subscription extends LiveListeners.Subscription {}

    private final Graph graph;
    private final AlertSweep sweeper;
    private final Targets targets;
    private final AlertSettings settings;
    private final boolean mailEnabled;
    private final LiveListeners<String, Long> listeners = new LiveListeners<>();
    private volatile Sweep lastSweep;

    /**
     * @param documents the document search, for new documents that name a party and saved
     *     searches; null: alerts about documents filed for a party only
     * @param mailEnabled whether alert mail can go out at all; when not, alerts are not queued for it
     */
    public AlertService(Driver driver, DocumentService documents, AlertSettings settings, boolean mailEnabled) {
        this.graph = new Graph(driver);
        this.sweeper = new AlertSweep(graph, documents);
        this.targets = new Targets(graph);
        this.settings = settings;
        this.mailEnabled = mailEnabled;
    }

    Graph graph() {
        return graph;
    }

    // ---- watches

    /**
     * Starts watching; what exists now raises nothing, what comes from now on does. Watching an
     * entity the user already watches answers that watch.
     *
     * @throws IllegalArgumentException an unknown company or person, a malformed request
     */
    public Watch watch(Actor user, Watch.Request request) {
        if (request.kind() == null) {
            throw new IllegalArgumentException("kind is required: ENTITY, FILTER or SEARCH");
        }
        if (request.scoreAtLeast() != null && (request.scoreAtLeast() < 0 || request.scoreAtLeast() > 1)) {
            throw new IllegalArgumentException("scoreAtLeast must lie between 0 and 1");
        }
        var props = new HashMap<String, Object>();
        String label = request.label() == null ? "" : request.label().strip();
        Targets.Facts facts = null;
        switch (request.kind()) {
            case ENTITY -> {
                String entity = entity(request.entity());
                var existing = watching(user, entity);
                if (existing.isPresent()) {
                    return existing.get();
                }
                facts = targets.read(List.of(entity)).get(entity);
                if (!facts.exists()) {
                    throw new IllegalArgumentException("no " + entity.replace(":", " ") + " in the graph");
                }
                props.put("entity", entity);
                label = label.isEmpty() ? facts.display() : label;
            }
            case FILTER -> {
                var f = request.filter() == null ? RankingFilter.NONE : request.filter();
                props.put("fLane", f.lane() == null ? null : f.lane().name());
                props.put("fHs", blankToNull(f.hsPrefix()));
                props.put("fOffice", blankToNull(f.office()));
                props.put("fCountry", blankToNull(f.country()));
                props.put("fFrom", f.from());
                props.put("fTo", f.to());
                props.put("fMinScore", f.minScore());
                label = label.isEmpty() ? describe(f) : label;
            }
            case SEARCH -> {
                var s = request.search();
                if (s == null || (s.text().isEmpty() && s.docTypes().isEmpty() && s.hsPrefix() == null)) {
                    throw new IllegalArgumentException("a saved search needs words or a filter");
                }
                props.put("sText", s.text());
                props.put("sTypes", s.docTypes());
                props.put("sHs", s.hsPrefix());
                label = label.isEmpty() ? "documents: " + s.text() : label;
            }
        }
        props.put("id", "W-" + UUID.randomUUID().toString().substring(0, 13));
        props.put("owner", user.username());
        props.put("kind", request.kind().name());
        props.put("label", label);
        props.put(
                "laneAtLeast",
                request.laneAtLeast() == null ? null : request.laneAtLeast().name());
        props.put("scoreAtLeast", request.scoreAtLeast());
        props.put("muted", false);
        props.put("mail", (request.mail() == null ? Watch.Mail.ACCOUNT : request.mail()).name());
        String id = (String) props.get("id");
        if (facts != null) {
            props.putAll(AlertSweep.State.of(id, facts).parameters());
        }
        graph.update(tx ->
                tx.run("""
                CREATE (w:Watch) SET w = $props, w.createdAt = datetime()
                WITH w MATCH (u:User {username: $owner}) CREATE (u)-[:WATCHES]->(w)
                """, Map.of("props", props, "owner", user.username())).consume());
        return find(user, id).orElseThrow();
    }

    /** The user's watches, those of their open cases included, newest first. */
    public List<Watch> watches(Actor user) {
        syncCaseWatches(Instant.now());
        return graph.query(
                "MATCH (w:Watch {owner: $owner}) RETURN w ORDER BY w.createdAt DESC, w.id",
                Map.of("owner", user.username()),
                r -> toWatch(r.get("w")));
    }

    public Optional<Watch> find(Actor user, String id) {
        return graph
                .query(
                        "MATCH (w:Watch {id: $id, owner: $owner}) RETURN w",
                        Map.of("id", id, "owner", user.username()),
                        r -> toWatch(r.get("w")))
                .stream()
                .findFirst();
    }

    /** The user's own watch of this entity ({@code Company:ID}), if any (not a case's). */
    public Optional<Watch> watching(Actor user, String entity) {
        return graph
                .query(
                        "MATCH (w:Watch {owner: $owner, entity: $entity}) WHERE w.caseId IS NULL RETURN w",
                        Map.of("owner", user.username(), "entity", entity(entity)),
                        r -> toWatch(r.get("w")))
                .stream()
                .findFirst();
    }

    /**
     * Changes a watch: muted, mail, thresholds (null leaves each as it is).
     *
     * @return empty when the user has no such watch
     */
    public Optional<Watch> change(
            Actor user, String id, Boolean muted, Watch.Mail mail, Lane laneAtLeast, Double scoreAtLeast) {
        if (scoreAtLeast != null && (scoreAtLeast < 0 || scoreAtLeast > 1)) {
            throw new IllegalArgumentException("scoreAtLeast must lie between 0 and 1");
        }
        var changes = new HashMap<String, Object>();
        if (muted != null) {
            changes.put("muted", muted);
        }
        if (mail != null) {
            changes.put("mail", mail.name());
        }
        if (laneAtLeast != null) {
            changes.put("laneAtLeast", laneAtLeast.name());
        }
        if (scoreAtLeast != null) {
            changes.put("scoreAtLeast", scoreAtLeast);
        }
        graph.update(tx -> tx.run(
                        "MATCH (w:Watch {id: $id, owner: $owner}) SET w += $changes",
                        Map.of("id", id, "owner", user.username(), "changes", changes))
                .consume());
        return find(user, id);
    }

    /**
     * Stops a watch; its alerts stay. A case's watch stops only with the case (or when the user
     * leaves its team): mute it instead.
     *
     * @return false when the user has no such watch
     * @throws IllegalStateException for a case's watch
     */
    public boolean unwatch(Actor user, String id) {
        var watch = find(user, id);
        if (watch.isEmpty()) {
            return false;
        }
        if (watch.get().caseId() != null) {
            throw new IllegalStateException("the team of case " + watch.get().caseId()
                    + " follows this while the case is open: mute it instead");
        }
        graph.update(tx -> tx.run("MATCH (w:Watch {id: $id}) DETACH DELETE w", Map.of("id", id))
                .consume());
        return true;
    }

    /**
     * The team of each open case follows every company and person the case is about: such watches
     * are made for members who lack them, and end when the case closes, the link goes or the member
     * leaves. A new one counts from {@code since}: the last sweep, which may have come before
     * the case was linked, but not before what the link was made for.
     */
    void syncCaseWatches(Instant since) {
        record Follow(String owner, String caseId, String entity) {}
        var wanted = new LinkedHashMap<String, Follow>();
        graph.query("""
                MATCH (u:User)-[:OWNS|MEMBER_OF]->(c:Case)-[:ABOUT]->(e)
                WHERE c.status <> 'CLOSED' AND (e:Company OR e:Person) AND coalesce(u.enabled, true)
                RETURN DISTINCT u.username AS owner, c.id AS caseId,
                       CASE WHEN e:Company THEN 'Company:' ELSE 'Person:' END + e.id AS entity
                """, Map.of()).forEach(r -> {
            var f = new Follow(
                    r.get("owner").asString(),
                    r.get("caseId").asString(),
                    r.get("entity").asString());
            wanted.put(f.owner() + "|" + f.caseId() + "|" + f.entity(), f);
        });
        var existing = new HashMap<String, String>();
        graph.query(
                        "MATCH (w:Watch) WHERE w.caseId IS NOT NULL RETURN w.id AS id, w.owner AS owner, w.caseId AS caseId, w.entity AS entity",
                        Map.of())
                .forEach(r -> existing.put(
                        r.get("owner").asString() + "|" + r.get("caseId").asString() + "|"
                                + r.get("entity").asString(),
                        r.get("id").asString()));
        var ended = existing.entrySet().stream()
                .filter(e -> !wanted.containsKey(e.getKey()))
                .map(Map.Entry::getValue)
                .toList();
        var missing = wanted.entrySet().stream()
                .filter(e -> !existing.containsKey(e.getKey()))
                .map(Map.Entry::getValue)
                .toList();
        if (ended.isEmpty() && missing.isEmpty()) {
            return;
        }
        var facts = targets.read(missing.stream().map(Follow::entity).toList());
        var rows = new ArrayList<Map<String, Object>>();
        for (var f : missing) {
            var now = facts.get(f.entity());
            if (!now.exists()) {
                continue;
            }
            String id = "W-" + UUID.randomUUID().toString().substring(0, 13);
            var row = new HashMap<String, Object>(AlertSweep.State.of(id, now).parameters());
            row.put("owner", f.owner());
            row.put("kind", Watch.Kind.ENTITY.name());
            row.put("entity", f.entity());
            row.put("caseId", f.caseId());
            row.put("label", now.display() + " (case " + f.caseId() + ")");
            row.put("muted", false);
            row.put("mail", Watch.Mail.ACCOUNT.name());
            rows.add(row);
        }
        graph.update(tx -> {
            tx.run("UNWIND $ids AS id MATCH (w:Watch {id: id}) DETACH DELETE w", Map.of("ids", ended))
                    .consume();
            tx.run("""
                    UNWIND $rows AS row
                    CREATE (w:Watch) SET w = row, w.createdAt = $since
                    WITH w MATCH (u:User {username: w.owner}) CREATE (u)-[:WATCHES]->(w)
                    """, Map.of("rows", rows, "since", AlertSweep.utc(since))).consume();
        });
    }

    // ---- the user's mail choice

    /** How the user gets alert mail when a watch says "as my account says". */
    public Watch.Mail mailChoice(String username) {
        return graph
                .query(
                        "MATCH (u:User {username: $u}) RETURN u.alertMail AS m",
                        Map.of("u", username),
                        r -> r.get("m").asString(null))
                .stream()
                .filter(java.util.Objects::nonNull)
                .map(Watch.Mail::valueOf)
                .findFirst()
                .orElse(settings.defaultMail());
    }

    /** @throws IllegalArgumentException for {@code ACCOUNT}, which only a watch can say */
    public void setMailChoice(String username, Watch.Mail mail) {
        if (mail == Watch.Mail.ACCOUNT) {
            throw new IllegalArgumentException("an account chooses OFF, IMMEDIATE or DIGEST");
        }
        graph.update(tx -> tx.run(
                        "MATCH (u:User {username: $u}) SET u.alertMail = $m", Map.of("u", username, "m", mail.name()))
                .consume());
    }

    // ---- alerts

    /** The user's alerts in groups (one kind, one party or saved filter), newest group first. */
    public List<Alert.Group> groups(Actor user, boolean unreadOnly, int offset, int limit) {
        var rows = graph.query(
                """
                MATCH (a:Alert {user: $user})
                WITH a.group AS group, a ORDER BY a.at DESC, a.id
                WITH group, collect(a) AS alerts, sum(a.count) AS count,
                     sum(CASE WHEN a.ackAt IS NULL THEN a.count ELSE 0 END) AS unread
                WHERE NOT $unreadOnly OR unread > 0
                RETURN group, alerts[0..$shown] AS shown, count, unread, alerts[0].at AS latest
                ORDER BY latest DESC, group SKIP $offset LIMIT $limit
                """,
                Map.of(
                        "user",
                        user.username(),
                        "unreadOnly",
                        unreadOnly,
                        "shown",
                        GROUP_SHOWN,
                        "offset",
                        offset,
                        "limit",
                        limit),
                r -> r);
        var items = AlertItems.of(
                graph,
                rows.stream()
                        .flatMap(r -> r.get("shown").asList(a -> a).stream())
                        .toList());
        return rows.stream()
                .map(r -> {
                    var first = r.get("shown").get(0);
                    return new Alert.Group(
                            r.get("group").asString(),
                            first.get("watchId").asString(),
                            first.get("about").asString(""),
                            Alert.Kind.valueOf(first.get("kind").asString()),
                            r.get("count").asInt(),
                            r.get("unread").asInt(),
                            r.get("latest").asZonedDateTime().toInstant(),
                            r.get("shown")
                                    .asList(a ->
                                            toAlert(a, items.get(a.get("id").asString()))));
                })
                .toList();
    }

    /** The changes in the user's alerts not yet acknowledged. */
    public long unread(Actor user) {
        return graph.query(
                        "MATCH (a:Alert {user: $user}) WHERE a.ackAt IS NULL RETURN sum(a.count) AS n",
                        Map.of("user", user.username()),
                        r -> r.get("n").asLong())
                .getFirst();
    }

    /**
     * Acknowledges one alert ({@code A-...}), or every alert of a group, or all of the user's
     * ({@code null}); a repeated acknowledgement keeps the first time.
     *
     * @return how many changes were acknowledged now
     */
    public int acknowledge(Actor user, String alertOrGroup) {
        var parameters = new HashMap<String, Object>();
        parameters.put("user", user.username());
        parameters.put("id", alertOrGroup);
        int acknowledged =
                graph.write(tx -> tx.run("""
                        MATCH (a:Alert {user: $user})
                        WHERE a.ackAt IS NULL AND ($id IS NULL OR a.id = $id OR a.group = $id)
                        SET a.ackAt = datetime()
                        RETURN sum(a.count) AS n
                        """, parameters).single().get("n").asInt());
        if (acknowledged > 0) {
            tell(Set.of(user.username()));
        }
        return acknowledged;
    }

    /** Calls {@code listener} with the user's unread count whenever new alerts are stored or read. */
    public Subscription subscribe(String username, LongConsumer listener) {
        return listeners.subscribe(username, listener::accept)::close;
    }

    private void tell(Set<String> users) {
        for (String user : users) {
            if (listeners.listening(user)) {
                listeners.tell(user, unread(new Actor(user, false)));
            }
        }
    }

    // ---- the sweep

    /**
     * Finds and stores the alerts of every watch for what changed since the last sweep, then tells
     * the watchers' open sessions. Alerts, what each watch has seen and how far the sweep got are
     * written in one transaction: a sweep cut short leaves the next to find the same again.
     */
    public synchronized Sweep sweep() {
        long started = System.nanoTime();
        Instant now = Instant.now();
        var cursor = cursor();
        syncCaseWatches(cursor.getOrDefault("declarations", now));
        var watched = graph.query("MATCH (w:Watch) RETURN w", Map.of(), r -> {
            Value w = r.get("w");
            return new AlertSweep.Watched(
                    toWatch(w),
                    w.get("lastScore").isNull() ? null : w.get("lastScore").asDouble(),
                    w.get("lastLane").asString(null),
                    w.get("seenLinks").isNull() ? List.of() : w.get("seenLinks").asList(Value::asString),
                    w.get("seenRecords").isNull()
                            ? List.of()
                            : w.get("seenRecords").asList(Value::asString));
        });
        Instant oldestWatch = watched.stream()
                .map(w -> w.watch().createdAt())
                .min(Instant::compareTo)
                .orElse(now);
        Instant declarationsSince = since(cursor.get("declarations"), oldestWatch);
        Instant documentsSince = since(cursor.get("documents"), oldestWatch);
        var stages = new LinkedHashMap<String, Duration>();
        AlertSweep.lap(stages, "watches", started);
        var found = watched.isEmpty()
                ? new AlertSweep.Found(List.of(), List.of(), true, List.of(), List.of(), Map.of())
                : sweeper.run(watched, declarationsSince, documentsSince, read(declarationsSince, documentsSince));
        stages.putAll(found.stages());
        var stored = store(found, now, earlier(declarationsSince, documentsSince), stages);
        tell(stored.keySet());
        int alerts = stored.values().stream().mapToInt(Integer::intValue).sum();
        var sweep = new Sweep(
                watched.size(),
                found.declarationIds().size(),
                found.documentIds().size(),
                alerts,
                Duration.ofNanos(System.nanoTime() - started),
                stages);
        lastSweep = sweep;
        if (alerts > 0) {
            log.info(
                    "alerts: {} new for {} users ({} watches, {} declarations, {} documents, {} ms)",
                    alerts,
                    stored.size(),
                    sweep.watches(),
                    sweep.declarations(),
                    sweep.documents(),
                    sweep.took().toMillis());
        }
        return sweep;
    }

    /** The last sweep of this process, stage by stage; empty before the first. */
    public Optional<Sweep> lastSweep() {
        return Optional.ofNullable(lastSweep);
    }

    /** Where a sweep starts reading: behind the last by the overlap, never before the oldest watch. */
    private Instant since(Instant last, Instant oldestWatch) {
        if (last == null) {
            return oldestWatch;
        }
        Instant behind = last.minus(settings.overlap());
        return behind.isBefore(oldestWatch) ? oldestWatch : behind;
    }

    /**
     * What sweeps since these times read: the overlap is read again, and what a sweep read is not.
     * A sweep notes the ids it read on one node rather than on each declaration: a load of ten
     * thousand declarations costs one write, not ten thousand.
     */
    private AlertSweep.Read read(Instant declarationsSince, Instant documentsSince) {
        var declarations = new HashSet<String>();
        var documents = new HashSet<String>();
        graph.stream(
                "MATCH (r:AlertRead) WHERE r.at > $since RETURN r.at AS at, r.declarations AS declarations, r.documents AS documents",
                Map.of("since", AlertSweep.utc(earlier(declarationsSince, documentsSince))),
                r -> {
                    Instant at = r.get("at").asZonedDateTime().toInstant();
                    if (at.isAfter(declarationsSince)) {
                        declarations.addAll(r.get("declarations").asList(Value::asString));
                    }
                    if (at.isAfter(documentsSince)) {
                        documents.addAll(r.get("documents").asList(Value::asString));
                    }
                });
        return new AlertSweep.Read(declarations, documents);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private Map<String, Instant> cursor() {
        var cursor = new HashMap<String, Instant>();
        graph.query("MATCH (c:AlertCursor {id: 'sweep'}) RETURN c", Map.of(), r -> r.get("c"))
                .forEach(c -> {
                    if (!c.get("declarations").isNull()) {
                        cursor.put(
                                "declarations",
                                c.get("declarations").asZonedDateTime().toInstant());
                    }
                    if (!c.get("documents").isNull()) {
                        cursor.put(
                                "documents",
                                c.get("documents").asZonedDateTime().toInstant());
                    }
                });
        return cursor;
    }

    /**
     * Stores what was found, one alert per group (one kind about one party, or one saved filter or
     * search) and watcher, listing its changes; notes the declarations and documents read, so that
     * no later sweep reads them again; keeps what each watch saw and how far the sweep got. All in
     * one transaction. Returns the changes stored per user.
     */
    private Map<String, Integer> store(
            AlertSweep.Found found, Instant now, Instant readSince, Map<String, Duration> stages) {
        long started = System.nanoTime();
        // One change once per user: the first watch that found it speaks (a user's own watch before a case's).
        var byKey = new LinkedHashMap<String, AlertSweep.Candidate>();
        found.candidates().stream()
                .sorted(java.util.Comparator.comparing(c -> c.watch().caseId() == null ? 0 : 1))
                .forEach(c -> byKey.putIfAbsent(c.key(), c));
        var byGroup = new LinkedHashMap<String, List<AlertSweep.Candidate>>();
        byKey.values()
                .forEach(c -> byGroup.computeIfAbsent(c.group(), k -> new ArrayList<>())
                        .add(c));
        var mail = mailChoices(
                byKey.values().stream().map(AlertSweep.Candidate::user).collect(java.util.stream.Collectors.toSet()));
        var rows = new ArrayList<Map<String, Object>>();
        var changes = new HashMap<String, Integer>();
        for (var group : byGroup.values()) {
            var first = group.getFirst();
            var kept = group.subList(0, Math.min(ITEMS_KEPT, group.size()));
            var row = new HashMap<String, Object>();
            row.put("id", "A-" + UUID.randomUUID().toString().substring(0, 18));
            row.put("user", first.user());
            row.put("watchId", first.watch().id());
            row.put("kind", first.kind().name());
            row.put("group", first.group());
            row.put("about", first.about());
            row.put(
                    "title",
                    group.size() == 1
                            ? first.title()
                            : group.size() + " " + first.kind().plural() + ": " + first.about());
            row.put("count", group.size());
            if (AlertItems.byDeclaration(first.kind())) {
                row.put(
                        "evidence",
                        kept.stream().map(AlertSweep.Candidate::evidence).toList());
            } else {
                row.put(
                        "itemTitles",
                        kept.stream().map(AlertSweep.Candidate::title).toList());
                row.put(
                        "itemDetails",
                        kept.stream().map(AlertSweep.Candidate::detail).toList());
                row.put(
                        "itemLinks",
                        kept.stream().map(AlertSweep.Candidate::link).toList());
            }
            row.put("mail", mailState(first.watch(), mail.get(first.user())));
            rows.add(row);
            changes.merge(first.user(), group.size(), Integer::sum);
        }
        var states = found.states().stream().map(AlertSweep.State::parameters).toList();
        var cursor = new HashMap<String, Object>();
        cursor.put("declarations", AlertSweep.utc(now));
        cursor.put("documents", found.documentsRead() ? AlertSweep.utc(now) : null);
        started = AlertSweep.lap(stages, "grouping alerts", started);
        long writing = started;
        // After every row read was loaded: a later sweep reading back to a time before it asks for these ids.
        Instant readUntil = Instant.now();
        graph.update(tx -> {
            long step = System.nanoTime();
            for (int from = 0; from < rows.size(); from += BATCH) {
                tx.run(
                                "UNWIND $rows AS row CREATE (a:Alert) SET a = row, a.at = $at",
                                Map.of(
                                        "rows",
                                        rows.subList(from, Math.min(rows.size(), from + BATCH)),
                                        "at",
                                        AlertSweep.utc(now)))
                        .consume();
            }
            step = AlertSweep.lap(stages, "writing alerts", step);
            // Later sweeps read from where this one did or later: what was read before that is not asked about again.
            tx.run(
                            """
                            MATCH (r:AlertRead) WHERE r.at < $before DELETE r
                            WITH count(*) AS pruned
                            CREATE (:AlertRead {at: $at, declarations: $declarations, documents: $documents})
                            """,
                            Map.of(
                                    "before",
                                    AlertSweep.utc(readSince),
                                    "at",
                                    AlertSweep.utc(readUntil),
                                    "declarations",
                                    found.declarationIds(),
                                    "documents",
                                    found.documentIds()))
                    .consume();
            AlertSweep.lap(stages, "noting what was read", step);
            tx.run("""
                            UNWIND $states AS s
                            MATCH (w:Watch {id: s.id})
                            SET w.lastScore = s.lastScore, w.lastLane = s.lastLane,
                                w.seenLinks = s.seenLinks, w.seenRecords = s.seenRecords
                            """, Map.of("states", states)).consume();
            tx.run("""
                            MERGE (c:AlertCursor {id: 'sweep'})
                            SET c.declarations = $cursor.declarations,
                                c.documents = coalesce($cursor.documents, c.documents)
                            """, Map.of("cursor", cursor)).consume();
        });
        AlertSweep.lap(stages, "committing", writing);
        return changes;
    }

    /** Each user's address (null without one) and mail choice. */
    private Map<String, String[]> mailChoices(Set<String> users) {
        var choices = new HashMap<String, String[]>();
        if (users.isEmpty()) {
            return choices;
        }
        graph.query(
                        "UNWIND $users AS name MATCH (u:User {username: name}) RETURN name, u.email AS email, u.alertMail AS mail, coalesce(u.enabled, true) AS enabled",
                        Map.of("users", List.copyOf(users)))
                .forEach(r -> choices.put(r.get("name").asString(), new String[] {
                    r.get("enabled").asBoolean() ? r.get("email").asString(null) : null,
                    r.get("mail").asString(settings.defaultMail().name())
                }));
        return choices;
    }

    /** {@code PENDING} (to mail now), {@code DIGEST} (with the next digest) or {@code NONE}. */
    private String mailState(Watch watch, String[] user) {
        if (!mailEnabled || user == null || user[0] == null) {
            return "NONE";
        }
        var choice = watch.mail() == Watch.Mail.ACCOUNT ? Watch.Mail.valueOf(user[1]) : watch.mail();
        return switch (choice) {
            case IMMEDIATE -> "PENDING";
            case DIGEST -> "DIGEST";
            default -> "NONE";
        };
    }

    // ---- mapping

    private static String entity(String entity) {
        if (entity == null || !entity.contains(":")) {
            throw new IllegalArgumentException("entity must be Company:ID or Person:ID, not " + entity);
        }
        int colon = entity.indexOf(':');
        String label = entity.substring(0, colon).strip();
        String id = entity.substring(colon + 1).strip();
        if (id.isEmpty() || !(label.equalsIgnoreCase("Company") || label.equalsIgnoreCase("Person"))) {
            throw new IllegalArgumentException("entity must be Company:ID or Person:ID, not " + entity);
        }
        return (label.equalsIgnoreCase("Company") ? "Company:" : "Person:") + id;
    }

    private static String describe(RankingFilter f) {
        var parts = new ArrayList<String>();
        if (f.lane() != null) {
            parts.add(f.lane().name());
        }
        parts.add("declarations");
        if (f.hsPrefix() != null) {
            parts.add("of HS " + f.hsPrefix());
        }
        if (f.country() != null) {
            parts.add("from " + f.country());
        }
        if (f.office() != null) {
            parts.add("at " + f.office());
        }
        if (f.minScore() != null) {
            parts.add(String.format(java.util.Locale.ROOT, "scoring %.2f or more", f.minScore()));
        }
        return String.join(" ", parts);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static Watch toWatch(Value w) {
        var kind = Watch.Kind.valueOf(w.get("kind").asString());
        RankingFilter filter = kind != Watch.Kind.FILTER
                ? null
                : new RankingFilter(
                        w.get("fLane").isNull()
                                ? null
                                : Lane.valueOf(w.get("fLane").asString()),
                        w.get("fHs").asString(null),
                        w.get("fOffice").asString(null),
                        w.get("fCountry").asString(null),
                        w.get("fFrom").isNull() ? null : w.get("fFrom").asLocalDate(),
                        w.get("fTo").isNull() ? null : w.get("fTo").asLocalDate(),
                        w.get("fMinScore").isNull() ? null : w.get("fMinScore").asDouble());
        Watch.SavedSearch search = kind != Watch.Kind.SEARCH
                ? null
                : new Watch.SavedSearch(
                        w.get("sText").asString(""),
                        w.get("sTypes").isNull() ? List.of() : w.get("sTypes").asList(Value::asString),
                        w.get("sHs").asString(null));
        return new Watch(
                w.get("id").asString(),
                w.get("owner").asString(),
                kind,
                w.get("label").asString(""),
                w.get("entity").asString(null),
                w.get("caseId").asString(null),
                filter,
                search,
                w.get("laneAtLeast").isNull()
                        ? null
                        : Lane.valueOf(w.get("laneAtLeast").asString()),
                w.get("scoreAtLeast").isNull() ? null : w.get("scoreAtLeast").asDouble(),
                w.get("muted").asBoolean(false),
                Watch.Mail.valueOf(w.get("mail").asString(Watch.Mail.ACCOUNT.name())),
                w.get("createdAt").asZonedDateTime().toInstant());
    }

    private static Alert toAlert(Value a, List<Alert.Item> items) {
        return new Alert(
                a.get("id").asString(),
                a.get("watchId").asString(),
                Alert.Kind.valueOf(a.get("kind").asString()),
                a.get("title").asString(),
                items,
                a.get("count").asInt(1),
                a.get("at").asZonedDateTime().toInstant(),
                !a.get("ackAt").isNull(),
                a.get("group").asString());
    }
}
