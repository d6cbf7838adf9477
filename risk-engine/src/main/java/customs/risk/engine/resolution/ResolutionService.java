package customs.risk.engine.resolution;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.neo4j.driver.Driver;

/**
 * Entity resolution over the companies in the graph: which records describe one firm. Runs whole
 * ({@link #resolveAll()}) or for the records new or changed since ({@link #resolveChanged()}); keeps the
 * review queue and people's decisions, which override the model and refit it. Source records are
 * never changed; parties link them (see {@link ResolutionStore}). One run or decision at a time.
 */
public class ResolutionService {

    /**
     * What a run did.
     *
     * @param records company records read
     * @param candidates pairs blocking proposed and the model scored
     * @param merged pairs merged by the model
     * @param toReview pairs waiting for a person
     * @param parties parties of two or more records after the run
     * @param inParties records in those parties
     * @param chains parties holding two records the model finds unlike (A~B, B~C, A!~C)
     * @param changed records whose party changed: rescoring is due when not zero
     * @param stages wall-clock time per stage
     */
    public record Summary(
            int records,
            int candidates,
            int merged,
            int toReview,
            int parties,
            int inParties,
            int chains,
            int changed,
            MatchModel model,
            Map<String, Duration> stages) {

        public Duration took() {
            return stages.values().stream().reduce(Duration.ZERO, Duration::plus);
        }

        /** The parties after the run, as the commands and bundle jobs report it. */
        public String partiesLine() {
            return String.format("%,d records in %,d parties, %,d pairs to review", inParties, parties, toReview);
        }
    }

    /** A pair as the review queue shows it: both records, each field compared, the model's view and people's. */
    public record Review(
            CompanyRecord left,
            CompanyRecord right,
            double probability,
            List<FieldMatch> fields,
            String veto,
            MatchStatus status,
            String note,
            String decidedBy,
            String decidedAt,
            List<String> history) {}

    /** A party of two or more records: its id (the id of its own record), members and whether it chains. */
    public record Party(String id, List<CompanyRecord> records, List<String> chainPairs) {

        public boolean chain() {
            return !chainPairs.isEmpty();
        }
    }

    private final ResolutionStore store;
    private final Clock clock;
    private MatchModel model;
    private int modelDecisions = -1;
    /** The shipped labelled pairs, compared once: a refit after a decision only adds that decision. */
    private List<MatchModel.Example> labelled;

    public ResolutionService(Driver driver) {
        this(driver, Clock.systemUTC());
    }

    public ResolutionService(Driver driver, Clock clock) {
        this.store = new ResolutionStore(driver);
        this.clock = clock;
    }

    /** Resolves every company record again; decisions people made stand. */
    public synchronized Summary resolveAll() {
        return run(false);
    }

    /**
     * Resolves the records that are new or changed since they were last resolved (a bundle just
     * loaded) against everything there is, without re-running the rest: only pairs that involve one
     * of them are compared.
     */
    public synchronized Summary resolveChanged() {
        return run(true);
    }

    private Summary run(boolean changedOnly) {
        var stages = new LinkedHashMap<String, Duration>();
        long t0 = System.nanoTime();
        var records = new ArrayList<CompanyRecord>();
        var fresh = new HashSet<String>();
        var marks = new ArrayList<Map<String, Object>>();
        store.allRecords((r, resolvedAs) -> {
            records.add(r);
            String as = fingerprint(r);
            if (!as.equals(resolvedAs)) {
                marks.add(Map.of("id", r.id(), "as", as));
                fresh.add(r.id());
            }
        });
        if (changedOnly && fresh.isEmpty()) {
            stages.put("read", Duration.ofNanos(System.nanoTime() - t0));
            return new Summary(records.size(), 0, 0, 0, 0, 0, 0, 0, model(), stages);
        }
        var model = model();
        long t1 = System.nanoTime();
        stages.put("read", Duration.ofNanos(t1 - t0));
        List<RecordProfile> profiles = IntStream.range(0, records.size())
                .parallel()
                .mapToObj(i -> new RecordProfile(records.get(i)))
                .toList();
        boolean[] isFresh = null;
        if (changedOnly) {
            isFresh = new boolean[profiles.size()];
            for (int i = 0; i < profiles.size(); i++) {
                isFresh[i] = fresh.contains(profiles.get(i).id());
            }
        }
        long t2 = System.nanoTime();
        stages.put("normalise", Duration.ofNanos(t2 - t1));
        long[] pairs = Blocking.candidates(profiles, isFresh);
        long t3 = System.nanoTime();
        stages.put("blocking", Duration.ofNanos(t3 - t2));
        var kept = score(profiles, pairs, model);
        long t4 = System.nanoTime();
        stages.put("scoring", Duration.ofNanos(t4 - t3));
        var rows = new ArrayList<Map<String, Object>>(kept.size());
        var keys = new ArrayList<String>(kept.size());
        for (var p : kept) {
            var pair = ordered(profiles.get(p.i()).id(), profiles.get(p.j()).id());
            String a = pair.get(0);
            String b = pair.get(1);
            var status = p.probability() >= model.autoMerge() ? MatchStatus.AUTO : MatchStatus.PENDING;
            var row = new HashMap<String, Object>();
            row.put("a", a);
            row.put("b", b);
            row.put("probability", p.probability());
            row.put("status", status.name());
            row.put("note", null);
            rows.add(row);
            keys.add(a + "|" + b);
        }
        store.putScored(rows);
        if (!changedOnly) {
            store.dropUndecidedExcept(keys);
        }
        store.markResolved(marks);
        long t5 = System.nanoTime();
        stages.put("store pairs", Duration.ofNanos(t5 - t4));
        var byId = new HashMap<String, RecordProfile>(profiles.size() * 2);
        profiles.forEach(p -> byId.put(p.id(), p));
        var outcome = cluster(byId, model);
        stages.put("parties", Duration.ofNanos(System.nanoTime() - t5));
        return new Summary(
                records.size(),
                pairs.length,
                outcome.merged,
                outcome.toReview,
                outcome.parties,
                outcome.inParties,
                outcome.chains,
                outcome.changed,
                model,
                stages);
    }

    /** A pair of record ids as the store keeps it: the smaller id first. */
    private static List<String> ordered(String a, String b) {
        return a.compareTo(b) <= 0 ? List.of(a, b) : List.of(b, a);
    }

    /** What resolution reads of a record: when any of it changes, the record is resolved again. */
    private static String fingerprint(CompanyRecord r) {
        return Integer.toHexString(java.util.Objects.hash(
                r.name(),
                r.country(),
                r.registrationNumber(),
                r.address(),
                r.phone(),
                r.email(),
                r.registeredOn(),
                r.dissolvedOn()));
    }

    private static List<ScoredPair> score(List<RecordProfile> profiles, long[] pairs, MatchModel model) {
        return java.util.Arrays.stream(pairs)
                .parallel()
                .mapToObj(pair -> {
                    int i = Blocking.first(pair);
                    int j = Blocking.second(pair);
                    var c = Comparison.of(profiles.get(i), profiles.get(j));
                    return new ScoredPair(i, j, c, model.probability(c));
                })
                .filter(p -> p.probability() >= model.review())
                .toList();
    }

    private record Outcome(int merged, int toReview, int parties, int inParties, int chains, int changed) {}

    /**
     * Parties from the stored pairs, written with stable ids: a party keeps the id most of its
     * records had, as long as the record of that id is still in it; a new party takes the id of the
     * record traders use most (most declarations), then of the active, earliest registered one.
     */
    private Outcome cluster(Map<String, RecordProfile> known, MatchModel model) {
        var matches = store.matches("", Map.of());
        var links = new ArrayList<Clustering.Link>();
        var rejected = new ArrayList<Clustering.Link>();
        for (var m : matches) {
            if (m.status().links()) {
                links.add(new Clustering.Link(m.a(), m.b(), m.probability(), m.status() == MatchStatus.ACCEPTED));
            } else if (m.status() == MatchStatus.REJECTED) {
                rejected.add(new Clustering.Link(m.a(), m.b(), m.probability(), false));
            }
        }
        var result = Clustering.of(links, rejected);
        int merged = 0;
        for (var m : matches) {
            if (m.status() == MatchStatus.AUTO) {
                merged++;
            }
        }
        int toReview = (int)
                matches.stream().filter(m -> m.status() == MatchStatus.PENDING).count();
        for (var refused : result.refused().entrySet()) {
            var link = refused.getKey();
            if (!link.accepted()) {
                store.setStatus(link.a(), link.b(), MatchStatus.PENDING, refused.getValue());
                merged--;
                toReview++;
            }
        }
        var members = new HashSet<String>();
        result.parties().forEach(members::addAll);
        var profiles = new HashMap<>(known);
        var missing = members.stream().filter(id -> !profiles.containsKey(id)).toList();
        store.records(missing).forEach(r -> profiles.put(r.id(), new RecordProfile(r)));

        var before = store.parties();
        var declarations = store.declarationCounts(members);
        var rows = new ArrayList<Map<String, Object>>();
        var taken = new HashSet<String>();
        int chains = 0;
        int changed = 0;
        for (var party : result.parties()) {
            String id = partyId(party, before, profiles, declarations, taken);
            taken.add(id);
            var chainPairs = chainPairs(party, profiles, model);
            if (!chainPairs.isEmpty()) {
                chains++;
            }
            for (String member : party) {
                if (!id.equals(before.get(member))) {
                    changed++;
                }
            }
            var row = new HashMap<String, Object>();
            row.put("id", id);
            row.put("name", profiles.get(id).record.name());
            row.put("members", party);
            row.put("chain", !chainPairs.isEmpty());
            row.put("chainPairs", chainPairs);
            rows.add(row);
        }
        var leaving = new ArrayList<String>();
        for (String id : before.keySet()) {
            if (!members.contains(id)) {
                leaving.add(id);
                changed++;
            }
        }
        store.writeParties(rows, leaving);
        return new Outcome(merged, toReview, result.parties().size(), members.size(), chains, changed);
    }

    private static String partyId(
            List<String> party,
            Map<String, String> before,
            Map<String, RecordProfile> profiles,
            Map<String, Long> declarations,
            Set<String> taken) {
        var votes = new TreeMap<String, Integer>();
        for (String member : party) {
            String old = before.get(member);
            if (old != null && party.contains(old) && !taken.contains(old)) {
                votes.merge(old, 1, Integer::sum);
            }
        }
        if (!votes.isEmpty()) {
            return votes.entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue()
                            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .orElseThrow()
                    .getKey();
        }
        return party.stream()
                .filter(id -> !taken.contains(id))
                .min(Comparator.comparing((String id) -> -declarations.getOrDefault(id, 0L))
                        .thenComparing(id -> profiles.get(id).record.dissolvedOn() != null)
                        .thenComparing(id -> {
                            LocalDate on = profiles.get(id).record.registeredOn();
                            return on == null ? LocalDate.MAX : on;
                        })
                        .thenComparing(id -> id))
                .orElseThrow();
    }

    /** Pairs inside a party that the model, compared directly, does not find alike. */
    private static List<String> chainPairs(List<String> party, Map<String, RecordProfile> profiles, MatchModel model) {
        if (party.size() < 3) {
            return List.of();
        }
        var out = new ArrayList<String>();
        for (int x = 0; x < party.size(); x++) {
            for (int y = x + 1; y < party.size(); y++) {
                var c = Comparison.of(profiles.get(party.get(x)), profiles.get(party.get(y)));
                if (model.probability(c) < model.review()) {
                    out.add(party.get(x) + "|" + party.get(y));
                }
            }
        }
        return out;
    }

    /**
     * The match model: fitted on the shipped labelled records and every pair a person accepted or
     * rejected (each decision weighing as much as three labelled pairs); refitted when decisions change.
     */
    public synchronized MatchModel model() {
        var decided = store.matches("WHERE m.status IN ['ACCEPTED', 'REJECTED']", Map.of());
        int fingerprint = decided.stream()
                .mapToInt(m -> (m.a() + m.b() + m.status()).hashCode())
                .sum();
        if (model != null && modelDecisions == fingerprint) {
            return model;
        }
        if (labelled == null) {
            labelled = LabelledRecords.examples(LabelledRecords.shipped(), 1.0);
        }
        var examples = new ArrayList<>(labelled);
        if (!decided.isEmpty()) {
            var ids = new HashSet<String>();
            decided.forEach(m -> {
                ids.add(m.a());
                ids.add(m.b());
            });
            var profiles = new HashMap<String, RecordProfile>();
            store.records(ids).forEach(r -> profiles.put(r.id(), new RecordProfile(r)));
            for (var m : decided) {
                if (profiles.containsKey(m.a()) && profiles.containsKey(m.b())) {
                    examples.add(new MatchModel.Example(
                            Comparison.of(profiles.get(m.a()), profiles.get(m.b())),
                            m.status() == MatchStatus.ACCEPTED,
                            3.0));
                }
            }
        }
        model = MatchModel.fit(examples);
        modelDecisions = fingerprint;
        return model;
    }

    /** The pairs with a status (PENDING: the review queue), most probable first. */
    public List<Review> queue(MatchStatus status, int offset, int limit) {
        var matches = store.matches(
                "WHERE m.status = $status WITH a, b, m ORDER BY m.probability DESC, a.id, b.id SKIP $offset LIMIT $limit",
                Map.of("status", status.name(), "offset", offset, "limit", limit));
        return reviews(matches);
    }

    /** How many pairs have each status. */
    public Map<MatchStatus, Long> counts() {
        var counts = new LinkedHashMap<MatchStatus, Long>();
        for (var s : MatchStatus.values()) {
            counts.put(s, 0L);
        }
        store.graph()
                .query(
                        "MATCH (:Company)-[m:MATCH]->(:Company) RETURN m.status AS status, count(*) AS n",
                        Map.of(),
                        r -> counts.put(
                                MatchStatus.valueOf(r.get("status").asString()),
                                r.get("n").asLong()));
        return counts;
    }

    public Optional<Review> review(String a, String b) {
        var pair = ordered(a, b);
        var matches = store.matches("WHERE a.id = $a AND b.id = $b", Map.of("a", pair.get(0), "b", pair.get(1)));
        return reviews(matches).stream().findFirst();
    }

    private List<Review> reviews(List<ResolutionStore.Match> matches) {
        var ids = new HashSet<String>();
        matches.forEach(m -> {
            ids.add(m.a());
            ids.add(m.b());
        });
        var profiles = new HashMap<String, RecordProfile>();
        store.records(ids).forEach(r -> profiles.put(r.id(), new RecordProfile(r)));
        var out = new ArrayList<Review>();
        for (var m : matches) {
            var left = profiles.get(m.a());
            var right = profiles.get(m.b());
            var c = Comparison.of(left, right);
            out.add(new Review(
                    left.record,
                    right.record,
                    m.probability(),
                    c.fields,
                    c.veto,
                    m.status(),
                    m.note(),
                    m.decidedBy(),
                    m.decidedAt(),
                    m.history()));
        }
        return out;
    }

    /**
     * A person's decision on a pair (ACCEPTED, REJECTED or UNSURE), or PENDING to undo one; the
     * parties follow at once. False when the pair is not known.
     */
    public synchronized boolean decide(String a, String b, MatchStatus decision, String user) {
        var pair = ordered(a, b);
        String lo = pair.get(0);
        String hi = pair.get(1);
        if (decision == MatchStatus.AUTO) {
            throw new IllegalArgumentException("AUTO is the model's status, not a decision");
        }
        if (!store.decide(lo, hi, decision, user, clock.instant().toString())) {
            return false;
        }
        var model = model();
        if (decision == MatchStatus.PENDING) {
            // Undone, the pair is the model's again: scored by the model as it stands without that decision.
            var records = store.records(List.of(lo, hi));
            if (records.size() == 2) {
                double p = model.probability(
                        Comparison.of(new RecordProfile(records.get(0)), new RecordProfile(records.get(1))));
                store.rescore(lo, hi, p, p >= model.autoMerge() ? MatchStatus.AUTO : MatchStatus.PENDING);
            }
        }
        cluster(Map.of(), model);
        return true;
    }

    /** The party of every company record that is in one, by record id. */
    public Map<String, String> parties() {
        return store.parties();
    }

    /** The party a company is in, with all its records; empty when it stands alone. */
    public Optional<Party> partyOf(String companyId) {
        var rows = store.graph()
                .query(
                        """
                        MATCH (:Company {id: $id})-[:SAME_AS]->(p:Party)
                        MATCH (p)<-[:SAME_AS]-(m:Company)
                        RETURN p.id AS party, coalesce(p.chainPairs, []) AS chainPairs, m.id AS member
                        ORDER BY member
                        """,
                        Map.of("id", companyId),
                        r -> List.of(
                                r.get("party").asString(),
                                String.join(",", r.get("chainPairs").asList(org.neo4j.driver.Value::asString)),
                                r.get("member").asString()));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String party = rows.getFirst().get(0);
        String chain = rows.getFirst().get(1);
        var records = store.records(rows.stream().map(r -> r.get(2)).toList());
        return Optional.of(new Party(party, records, chain.isEmpty() ? List.of() : List.of(chain.split(","))));
    }
}
