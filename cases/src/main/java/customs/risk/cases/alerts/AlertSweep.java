package customs.risk.cases.alerts;

import customs.risk.documents.filing.DocumentService;
import customs.risk.documents.search.DocumentQuery;
import customs.risk.engine.ranking.Lane;
import customs.risk.engine.ranking.RankingFilter;
import customs.risk.graph.store.Graph;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds what changed for every watch: the declarations loaded and documents indexed since the last
 * sweep (with an overlap), and for watched companies and people their score and lane, control links
 * and merged records against what the watch saw last. Each finding becomes a {@link Candidate}
 * under a key naming watcher, trigger and evidence: a user told of one change by two watches
 * (their own and a case's) hears of it once.
 */
final class AlertSweep {

    private static final Logger log = LoggerFactory.getLogger(AlertSweep.class);

    /** A watch with what it saw at the last sweep. */
    record Watched(Watch watch, Double lastScore, String lastLane, List<String> seenLinks, List<String> seenRecords) {}

    /** What a watch sees now, kept for the next sweep. */
    record State(String watchId, Double lastScore, String lastLane, List<String> seenLinks, List<String> seenRecords) {

        Map<String, Object> parameters() {
            var p = new HashMap<String, Object>();
            p.put("id", watchId);
            p.put("lastScore", lastScore);
            p.put("lastLane", lastLane);
            p.put("seenLinks", seenLinks);
            p.put("seenRecords", seenRecords);
            return p;
        }

        static State of(String watchId, Targets.Facts facts) {
            return new State(
                    watchId,
                    facts.score(),
                    facts.lane(),
                    List.copyOf(facts.links().keySet()),
                    List.copyOf(facts.records()));
        }
    }

    /**
     * One change for one user; a user told of it by two watches (their own and a case's) keeps one.
     * Changes of new declarations keep no detail or link: {@link AlertItems} words them when read.
     */
    record Candidate(
            String user,
            Watch watch,
            Alert.Kind kind,
            String group,
            String about,
            String evidence,
            String title,
            String detail,
            String link) {

        /** The change itself: its group (user, kind, party) and its evidence. */
        String key() {
            return group + "|" + evidence;
        }
    }

    /** What one sweep found; {@code documentsRead} false when the search engine could not be asked. */
    record Found(
            List<Candidate> candidates,
            List<State> states,
            boolean documentsRead,
            List<String> declarationIds,
            List<String> documentIds,
            Map<String, java.time.Duration> stages) {}

    private final Graph graph;
    private final Targets targets;
    private final DocumentService documents;

    AlertSweep(Graph graph, DocumentService documents) {
        this.graph = graph;
        this.targets = new Targets(graph);
        this.documents = documents;
    }

    /**
     * @param read the declarations and documents earlier sweeps read since {@code declarationsSince}
     *     (the overlap): they are not read again
     */
    Found run(List<Watched> watched, Instant declarationsSince, Instant documentsSince, Read read) {
        try (var readers = java.util.concurrent.Executors.newFixedThreadPool(
                2, Thread.ofPlatform().name("alert-sweep-", 1).daemon().factory())) {
            return run(watched, declarationsSince, documentsSince, read, readers);
        }
    }

    private Found run(
            List<Watched> watched,
            Instant declarationsSince,
            Instant documentsSince,
            Read read,
            java.util.concurrent.ExecutorService readers) {
        var stages = new LinkedHashMap<String, java.time.Duration>();
        long started = System.nanoTime();
        // New declarations, and new documents with their text and the saved searches' hits among
        // them (mostly the search engine's work), read while the watched parties' facts are.
        var newDeclarations = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> newDeclarations(declarationsSince, read.declarations()), readers);
        var documentStages = new LinkedHashMap<String, java.time.Duration>();
        var newDocuments = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return newDocuments(watched, documentsSince, read.documents(), documentStages);
                    } catch (IOException | RuntimeException e) {
                        log.warn(
                                "new documents not checked for alerts, they will be at the next sweep: {}",
                                e.toString());
                        return null;
                    }
                },
                readers);
        var candidates = new ArrayList<Candidate>();
        var entityWatches = watched.stream()
                .filter(w -> w.watch().kind() == Watch.Kind.ENTITY)
                .toList();
        Map<String, Targets.Facts> facts =
                targets.read(entityWatches.stream().map(w -> w.watch().entity()).toList());
        var states = new ArrayList<State>();
        for (var w : entityWatches) {
            var now = facts.get(w.watch().entity());
            if (!now.exists()) {
                continue;
            }
            if (changed(w, now)) {
                states.add(State.of(w.watch().id(), now));
            }
            if (!w.watch().muted()) {
                changes(w, now, candidates);
            }
        }
        started = lap(stages, "watched companies and people", started);
        List<NewDeclaration> rows;
        try {
            rows = newDeclarations.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        started = lap(stages, "waiting for new declarations", started);
        declarations(rows, watched, facts, candidates);
        started = lap(stages, "new declarations", started);
        var found = newDocuments.join();
        started = lap(stages, "waiting for new documents", started);
        stages.putAll(documentStages);
        if (found != null) {
            documents(found, watched, facts, candidates);
        }
        lap(stages, "new documents", started);
        return new Found(
                candidates,
                states,
                found != null,
                rows.stream().map(NewDeclaration::id).toList(),
                found == null ? List.of() : List.copyOf(found.documents().keySet()),
                stages);
    }

    /** What sweeps of the overlap read already, by id. */
    record Read(Set<String> declarations, Set<String> documents) {}

    /** Whether the watch's facts differ from what it saw last: only then is its state written again. */
    private static boolean changed(Watched w, Targets.Facts now) {
        return !java.util.Objects.equals(w.lastScore(), now.score())
                || !java.util.Objects.equals(w.lastLane(), now.lane())
                || !new HashSet<>(w.seenLinks()).equals(now.links().keySet())
                || !new HashSet<>(w.seenRecords()).equals(now.records());
    }

    static long lap(Map<String, java.time.Duration> stages, String stage, long started) {
        long now = System.nanoTime();
        stages.put(stage, java.time.Duration.ofNanos(now - started));
        return now;
    }

    /** Threshold reached, new control links, records merged: this watch's facts against what it saw. */
    private static void changes(Watched w, Targets.Facts now, List<Candidate> out) {
        var watch = w.watch();
        String page = page(now.about());
        if (reached(watch, w.lastScore(), w.lastLane(), now.score(), now.lane())) {
            out.add(candidate(
                    watch,
                    Alert.Kind.THRESHOLD,
                    now.about(),
                    now.display(),
                    "threshold:" + now.scoredAt(),
                    now.display() + " is now " + now.lane() + String.format(Locale.ROOT, " (%.2f)", now.score()),
                    "score " + score(w.lastScore()) + " -> " + score(now.score()) + ", lane "
                            + (w.lastLane() == null ? "none" : w.lastLane()) + " -> " + now.lane()
                            + "; the threshold was " + threshold(watch),
                    page));
        }
        var seenLinks = new HashSet<>(w.seenLinks());
        now.links().forEach((key, link) -> {
            if (!seenLinks.contains(key)) {
                out.add(candidate(
                        watch,
                        Alert.Kind.CONTROL,
                        now.about(),
                        now.display(),
                        key,
                        "New control link of " + now.display(),
                        (now.entity().startsWith("Person:") ? now.display() + " " : "") + link.text(),
                        link.href()));
            }
        });
        var seenRecords = new HashSet<>(w.seenRecords());
        for (String record : now.records()) {
            if (!seenRecords.contains(record)) {
                out.add(candidate(
                        watch,
                        Alert.Kind.MERGE,
                        now.about(),
                        now.display(),
                        record,
                        "Company record " + record + " joined " + now.display(),
                        "entity resolution found that record " + record + " describes the same firm",
                        "/entity/Company/" + record));
            }
        }
    }

    /** Whether the score or the lane crossed the watch's threshold upwards since the last sweep. */
    static boolean reached(Watch watch, Double lastScore, String lastLane, Double score, String lane) {
        if (score == null) {
            return false;
        }
        if (watch.scoreAtLeast() != null) {
            boolean was = lastScore != null && lastScore >= watch.scoreAtLeast();
            if (!was && score >= watch.scoreAtLeast()) {
                return true;
            }
        }
        Lane atLeast = watch.laneAtLeast();
        if (atLeast == null && watch.scoreAtLeast() == null) {
            atLeast = Lane.RED;
        }
        if (atLeast != null && lane != null) {
            boolean was = lastLane != null && Lane.valueOf(lastLane).ordinal() <= atLeast.ordinal();
            return !was && Lane.valueOf(lane).ordinal() <= atLeast.ordinal();
        }
        return false;
    }

    /**
     * Alerts of new declarations: of watched parties (and of companies watched people run), and
     * hits of saved filters.
     */
    private static void declarations(
            List<NewDeclaration> rows, List<Watched> watched, Map<String, Targets.Facts> facts, List<Candidate> out) {
        var byParty = new HashMap<String, List<Watched>>();
        var filters = new ArrayList<Watched>();
        for (var w : watched) {
            if (w.watch().muted()) {
                continue;
            }
            if (w.watch().kind() == Watch.Kind.FILTER) {
                filters.add(w);
            } else if (w.watch().kind() == Watch.Kind.ENTITY) {
                var f = facts.get(w.watch().entity());
                if (f.exists()) {
                    f.companies()
                            .forEach(party -> byParty.computeIfAbsent(party, k -> new ArrayList<>())
                                    .add(w));
                }
            }
        }
        for (var d : rows) {
            for (String party : d.parties()) {
                for (var w : byParty.getOrDefault(party, List.of())) {
                    if (d.loadedAt().isBefore(w.watch().createdAt())) {
                        continue;
                    }
                    var f = facts.get(w.watch().entity());
                    out.add(candidate(
                            w.watch(),
                            Alert.Kind.DECLARATION,
                            f.about(),
                            f.display(),
                            d.id(),
                            AlertItems.declarationTitle(Alert.Kind.DECLARATION, f.about(), f.display(), d.id()),
                            null,
                            null));
                }
            }
            for (var w : filters) {
                if (!d.loadedAt().isBefore(w.watch().createdAt())
                        && keeps(w.watch().filter(), d)) {
                    out.add(candidate(
                            w.watch(),
                            Alert.Kind.FILTER_HIT,
                            "Watch:" + w.watch().id(),
                            w.watch().label(),
                            d.id(),
                            AlertItems.declarationTitle(
                                    Alert.Kind.FILTER_HIT, "", w.watch().label(), d.id()),
                            null,
                            null));
                }
            }
        }
    }

    /**
     * Declarations loaded since then that no sweep read: once their alerts are stored they are
     * noted, and no later sweep reads them again.
     */
    private List<NewDeclaration> newDeclarations(Instant since, Set<String> read) {
        var rows = new ArrayList<NewDeclaration>();
        graph.stream("""
                MATCH (d:Declaration) WHERE d.loadedAt > $since AND NOT d.id IN $read
                RETURN d.id AS id, d.loadedAt AS loadedAt, d.riskScore AS score, d.riskLane AS lane,
                       d.hsCode AS hs, d.officeCode AS office, d.originCountry AS origin, d.filedOn AS filedOn,
                       [(d)-[:SOLD_BY|BOUGHT_BY|DECLARED_BY]->(c:Company) | coalesce(c.party, c.id)] AS parties
                """, Map.of("since", utc(since), "read", List.copyOf(read)), r -> rows.add(NewDeclaration.of(r)));
        return rows;
    }

    /** A declaration loaded since the last sweep: what saved filters ask of it, and its parties. */
    record NewDeclaration(
            String id,
            Instant loadedAt,
            Double score,
            String lane,
            String hs,
            String office,
            String origin,
            LocalDate filedOn,
            Set<String> parties) {

        static NewDeclaration of(Record r) {
            return new NewDeclaration(
                    r.get("id").asString(),
                    r.get("loadedAt").asZonedDateTime().toInstant(),
                    r.get("score").isNull() ? null : r.get("score").asDouble(),
                    r.get("lane").asString(null),
                    r.get("hs").asString(""),
                    r.get("office").asString(""),
                    r.get("origin").asString(""),
                    r.get("filedOn").isNull() ? null : r.get("filedOn").asLocalDate(),
                    new HashSet<>(r.get("parties").asList(Value::asString)));
        }
    }

    /** Whether the saved filter keeps this declaration, as the declaration ranking would. */
    static boolean keeps(RankingFilter filter, NewDeclaration d) {
        if (filter.lane() != null && !filter.lane().name().equals(d.lane())) {
            return false;
        }
        if (filter.hsPrefix() != null && !d.hs().startsWith(filter.hsPrefix())) {
            return false;
        }
        if (filter.office() != null && !filter.office().equalsIgnoreCase(d.office())) {
            return false;
        }
        if (filter.country() != null && !filter.country().equalsIgnoreCase(d.origin())) {
            return false;
        }
        if (filter.minScore() != null && (d.score() == null || d.score() < filter.minScore())) {
            return false;
        }
        if (filter.from() != null && (d.filedOn() == null || d.filedOn().isBefore(filter.from()))) {
            return false;
        }
        return filter.to() == null || (d.filedOn() != null && !d.filedOn().isAfter(filter.to()));
    }

    /** A document indexed since the last sweep, with the parties it was filed for. */
    private record NewDocument(String id, String title, String type, Instant indexedAt, Set<String> parties) {}

    /**
     * The new documents, with their text when a company or person is watched (null otherwise) and
     * the new hits of each saved search (by its words and filters).
     */
    private record NewDocuments(
            Map<String, NewDocument> documents, Map<String, String> texts, Map<String, Set<String>> hits) {}

    /** New documents, their text and the saved searches' hits among them: what needs no watched party's facts. */
    private NewDocuments newDocuments(
            List<Watched> watched, Instant since, Set<String> read, Map<String, java.time.Duration> stages)
            throws IOException {
        long started = System.nanoTime();
        var fresh = new LinkedHashMap<String, NewDocument>();
        // Documents filed into a case reach its team through the case, not through alerts.
        graph.stream("""
                MATCH (doc:Document) WHERE doc.indexedAt > $since AND doc.caseId IS NULL AND NOT doc.id IN $read
                OPTIONAL MATCH (c:Company)-[:FILED]->(doc)
                OPTIONAL MATCH (doc)-[:SUPPORTS]->(:Declaration)-[:SOLD_BY|BOUGHT_BY|DECLARED_BY]->(dc:Company)
                RETURN doc.id AS id, coalesce(doc.fileName, doc.id) AS title, doc.docType AS type,
                       doc.indexedAt AS indexedAt,
                       collect(DISTINCT coalesce(c.party, c.id)) + collect(DISTINCT coalesce(dc.party, dc.id)) AS parties
                """, Map.of("since", utc(since), "read", List.copyOf(read)), r -> {
            String id = r.get("id").asString();
            fresh.put(
                    id,
                    new NewDocument(
                            id,
                            r.get("title").asString(),
                            r.get("type").asString("OTHER"),
                            r.get("indexedAt").asZonedDateTime().toInstant(),
                            new HashSet<>(r.get("parties").asList(Value::asString))));
        });
        started = lap(stages, "  documents read", started);
        boolean entities =
                watched.stream().anyMatch(w -> !w.watch().muted() && w.watch().kind() == Watch.Kind.ENTITY);
        Map<String, String> texts = null;
        if (documents != null && entities && !fresh.isEmpty()) {
            texts = documents.texts(fresh.keySet());
            started = lap(stages, "  their text", started);
        }
        // Every saved search over the new documents at once, each search once however many saved it.
        var queries = new HashMap<String, DocumentQuery>();
        for (var w : watched) {
            if (!w.watch().muted() && w.watch().kind() == Watch.Kind.SEARCH) {
                var saved = w.watch().search();
                queries.putIfAbsent(
                        saved.toString(),
                        DocumentQuery.of(saved.text())
                                .withDocTypes(saved.docTypes().toArray(String[]::new))
                                .withHsPrefix(saved.hsPrefix()));
            }
        }
        Map<String, Set<String>> hits = documents == null || queries.isEmpty() || fresh.isEmpty()
                ? Map.of()
                : documents.hitsAmong(queries, fresh.keySet());
        lap(stages, "  saved searches", started);
        return new NewDocuments(fresh, texts, hits);
    }

    /** Alerts of new documents: filed for or naming a watched party, and new hits of saved searches. */
    private static void documents(
            NewDocuments found, List<Watched> watched, Map<String, Targets.Facts> facts, List<Candidate> out) {
        var fresh = found.documents();
        var entities = watched.stream()
                .filter(w -> !w.watch().muted() && w.watch().kind() == Watch.Kind.ENTITY)
                .filter(w -> facts.get(w.watch().entity()).exists())
                .toList();
        // Which new documents name each watched party or person: every name looked for in one pass over each text.
        var namedIn = new HashMap<String, Set<String>>();
        if (found.texts() != null && !entities.isEmpty()) {
            var names = new HashMap<String, String>();
            for (var w : entities) {
                var f = facts.get(w.watch().entity());
                if (f.name() != null) {
                    names.put(f.about(), f.name());
                }
            }
            var matcher = new Names(names);
            found.texts().forEach((id, text) -> namedIn.put(id, matcher.in(text)));
        }
        // Each new document against the watches of the parties it was filed for and of the names it holds.
        var byAbout = new HashMap<String, List<Watched>>();
        var byCompany = new HashMap<String, List<Watched>>();
        for (var w : entities) {
            var f = facts.get(w.watch().entity());
            byAbout.computeIfAbsent(f.about(), k -> new ArrayList<>()).add(w);
            if (f.entity().startsWith("Company:")) {
                f.companies()
                        .forEach(c -> byCompany
                                .computeIfAbsent(c, k -> new ArrayList<>())
                                .add(w));
            }
        }
        for (var doc : fresh.values()) {
            var filedFor = new LinkedHashMap<String, Watched>();
            doc.parties()
                    .forEach(p -> byCompany
                            .getOrDefault(p, List.of())
                            .forEach(w -> filedFor.put(w.watch().id(), w)));
            // A watch whose party the document was filed for hears of that, not of being named too.
            var told = new LinkedHashMap<>(filedFor);
            namedIn.getOrDefault(doc.id(), Set.of())
                    .forEach(about -> byAbout.getOrDefault(about, List.of())
                            .forEach(w -> told.putIfAbsent(w.watch().id(), w)));
            for (var w : told.values()) {
                if (doc.indexedAt().isBefore(w.watch().createdAt())) {
                    continue;
                }
                boolean filed = filedFor.containsKey(w.watch().id());
                var f = facts.get(w.watch().entity());
                out.add(candidate(
                        w.watch(),
                        Alert.Kind.DOCUMENT,
                        f.about(),
                        f.display(),
                        doc.id(),
                        "New document about " + f.display() + ": " + doc.title(),
                        doc.type() + " " + doc.id() + (filed ? ", filed for it" : ", naming it"),
                        "/entity/Document/" + doc.id()));
            }
        }
        for (var w : watched) {
            if (w.watch().muted() || w.watch().kind() != Watch.Kind.SEARCH) {
                continue;
            }
            for (String id : found.hits().getOrDefault(w.watch().search().toString(), Set.of())) {
                var doc = fresh.get(id);
                if (doc.indexedAt().isBefore(w.watch().createdAt())) {
                    continue;
                }
                out.add(candidate(
                        w.watch(),
                        Alert.Kind.SEARCH_HIT,
                        "Watch:" + w.watch().id(),
                        w.watch().label(),
                        id,
                        "New hit of \"" + w.watch().label() + "\": " + doc.title(),
                        doc.type() + " " + id,
                        "/entity/Document/" + id));
            }
        }
    }

    /**
     * One alert for the watch's owner. About an entity, its key leaves the watch out: a user who
     * follows a company twice (their own watch, and a case's) hears of each change once.
     */
    private static Candidate candidate(
            Watch watch,
            Alert.Kind kind,
            String about,
            String aboutName,
            String evidence,
            String title,
            String detail,
            String link) {
        String group = watch.owner() + "|" + kind + "|" + about;
        return new Candidate(watch.owner(), watch, kind, group, aboutName, evidence, title, detail, link);
    }

    private static String page(String about) {
        int colon = about.indexOf(':');
        return "/entity/" + about.substring(0, colon) + "/" + about.substring(colon + 1);
    }

    private static String score(Double score) {
        return score == null ? "none" : String.format(Locale.ROOT, "%.2f", score);
    }

    private static String threshold(Watch watch) {
        var parts = new ArrayList<String>();
        if (watch.laneAtLeast() != null || watch.scoreAtLeast() == null) {
            parts.add("lane " + (watch.laneAtLeast() == null ? Lane.RED : watch.laneAtLeast()));
        }
        if (watch.scoreAtLeast() != null) {
            parts.add(String.format(Locale.ROOT, "score %.2f", watch.scoreAtLeast()));
        }
        return String.join(" or ", parts);
    }

    static java.time.ZonedDateTime utc(Instant instant) {
        return instant.atZone(ZoneOffset.UTC);
    }
}
