package customs.risk.engine.ranking;

import customs.risk.engine.network.ShellCluster;
import customs.risk.engine.network.TradeLoop;
import customs.risk.engine.projection.GraphProjection;
import customs.risk.graph.NodeLabel;
import customs.risk.graph.store.Graph;
import customs.risk.graph.store.ScoreVersions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntToLongFunction;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Query;
import org.neo4j.driver.Value;

/**
 * Keeps scores in the graph, on the scored nodes ({@code riskScore}, {@code riskLane},
 * {@code riskReasons}, {@code riskModel}, {@code riskScoredAt}), and reads rankings back.
 */
public final class RiskStore {

    /** What is ranked: declarations or companies. */
    public enum Kind {
        DECLARATIONS(NodeLabel.DECLARATION),
        ENTITIES(NodeLabel.COMPANY);

        private final NodeLabel label;

        Kind(NodeLabel label) {
            this.label = label;
        }

        /** The label of the nodes this kind ranks. */
        public NodeLabel label() {
            return label;
        }
    }

    /** The orders a ranking can be read in; each is backed by an index. */
    public enum Order {
        RISKIEST_FIRST("score DESC, id"),
        SAFEST_FIRST("score, id"),
        BY_ID("id");

        final String cypher;

        Order(String cypher) {
            this.cypher = cypher;
        }
    }

    private static final int BATCH = 10_000;
    private static final int WRITERS = 2;
    /** Full scorings a company's score history keeps. */
    private static final int HISTORY = 20;

    private final Driver driver;

    private final Graph graph;
    /** The last score chart of each kind, kept until its scores change. */
    private final Map<Kind, Chart> charts = new ConcurrentHashMap<>();

    public RiskStore(Driver driver) {
        this.driver = driver;
        this.graph = new Graph(driver);
    }

    /**
     * Stores what a full scoring found: the scores of the declarations it kept (none when they were
     * stored page by page with a {@link #pageWriter}), of the companies,
     * what their networks say, and the loops and clusters.
     *
     * @param scoredAt when the scoring ran, as stored with each score
     */
    public void save(RiskAssessment assessment, String scoredAt) {
        write(Kind.DECLARATIONS, assessment.declarations(), assessment.model(), scoredAt, true);
        write(Kind.ENTITIES, assessment.entities(), assessment.model(), scoredAt, true);
        writeParties(assessment.parties());
        writeFindings(assessment.loops(), assessment.clusters(), assessment.model());
    }

    /**
     * Replaces the stored findings with this scoring's loops and clusters, each linked to its
     * companies in order, so that a reason can be drawn as the subgraph behind it.
     */
    private void writeFindings(List<TradeLoop> loops, List<ShellCluster> clusters, String model) {
        long deleted;
        do {
            deleted = graph.write(tx -> tx.run(
                            "MATCH (f:Finding) WITH f LIMIT $batch DETACH DELETE f RETURN count(*) AS n",
                            Map.of("batch", BATCH))
                    .single()
                    .get("n")
                    .asLong());
        } while (deleted > 0);
        var rows = new ArrayList<Map<String, Object>>();
        var ids = new HashSet<String>();
        for (TradeLoop loop : loops) {
            var row = new HashMap<String, Object>();
            row.put("id", uniqueId("loop-", loop.hs4() + "|" + String.join("|", loop.companies()), ids));
            row.put("kind", "loop");
            row.put("description", loop.describe());
            row.put("companies", loop.companies());
            row.put("hs4", loop.hs4());
            row.put("rounds", loop.rounds());
            row.put("firstFiled", loop.firstFiled());
            row.put("lastFiled", loop.lastFiled());
            row.put("valueInflation", loop.valueInflation());
            row.put("closedByControlLink", loop.closedByControlLink());
            row.put("declarationIds", loop.declarationIds());
            rows.add(row);
        }
        for (ShellCluster cluster : clusters) {
            var row = new HashMap<String, Object>();
            row.put("id", uniqueId("cluster-", String.join("|", cluster.companies()), ids));
            row.put("kind", "cluster");
            row.put("description", cluster.describe());
            row.put("companies", cluster.companies());
            row.put("score", cluster.score());
            row.put("sharedIdentifiers", cluster.sharedIdentifiers());
            row.put("phoenixes", cluster.phoenixes());
            rows.add(row);
        }
        int batchSize = BATCH / 10;
        for (int from = 0; from < rows.size(); from += batchSize) {
            var batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
            graph.update(tx -> tx.run(new Query("""
                    UNWIND $rows AS row
                    CREATE (f:Finding) SET f = row, f.model = $model
                    WITH f, row
                    UNWIND range(0, size(row.companies) - 1) AS i
                    MATCH (c:Company {id: row.companies[i]})
                    CREATE (f)-[:INVOLVES {order: i}]->(c)
                    """, Map.of("rows", batch, "model", model)))
                    .consume());
        }
    }

    /** An id that stays the same across scorings for the same finding: a prefix and a hash of what defines it. */
    private static String uniqueId(String prefix, String definition, Set<String> taken) {
        String id;
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(definition.getBytes(StandardCharsets.UTF_8));
            id = prefix + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String unique = id;
        for (int n = 2; !taken.add(unique); n++) {
            unique = id + "-" + n;
        }
        return unique;
    }

    private void writeParties(Map<String, PartyContext> parties) {
        var rows = new ArrayList<Map<String, Object>>();
        parties.forEach((id, party) -> {
            var row = new java.util.HashMap<String, Object>();
            row.put("id", id);
            row.put("structure", party.structure());
            row.put("reason", party.reason());
            rows.add(row);
        });
        for (int from = 0; from < rows.size(); from += BATCH) {
            var batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
            graph.update(tx -> tx.run(new Query("""
                    UNWIND $rows AS row
                    MATCH (c:Company {id: row.id})
                    SET c.riskStructure = row.structure, c.riskStructureReason = row.reason
                    """, Map.of("rows", batch))).consume());
        }
    }

    /** Stores {@code items}; declarations that hold the same score already are left when {@code compare}. */
    private void write(Kind kind, List<ScoredItem> items, String model, String scoredAt, boolean compare) {
        String cypher = """
                UNWIND $rows AS row
                MATCH (n:%s {id: row.id})
                SET n.riskScore = row.score, n.riskLane = row.lane, n.riskReasons = row.reasons,
                    n.riskModel = $model, n.riskScoredAt = $scoredAt
                """.formatted(kind.label.cypher())
                + (kind == Kind.DECLARATIONS ? "SET n.riskDigest = row.digest REMOVE n:Unscored " : "")
                // A company's timeline shows how its score moved from one full scoring to the next.
                + (kind == Kind.ENTITIES
                        ? "SET n.riskHistory = (coalesce(n.riskHistory, []) + [$model + '|' + $scoredAt + '|'"
                                + " + toString(row.score) + '|' + row.lane])[-" + HISTORY + "..]"
                        : "");
        // Each batch touches its own nodes only, so two writers never wait on each other's locks.
        var pool = Executors.newFixedThreadPool(WRITERS);
        try {
            var pending = new ArrayList<Future<Integer>>();
            for (int from = 0; from < items.size(); from += BATCH) {
                var batch = items.subList(from, Math.min(items.size(), from + BATCH));
                pending.add(pool.submit(() -> writeBatch(kind, cypher, batch, model, scoredAt, compare)));
            }
            int written = 0;
            for (var write : pending) {
                written += await(write);
            }
            if (written > 0) {
                ScoreVersions.raise(graph, kind.label.cypher());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits for a write and gives its result; one that failed fails the caller with its cause. */
    private static <T> T await(Future<T> write) {
        try {
            return write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing scores", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * A writer of the pages of a full scoring, each stored with {@code model} and {@code scoredAt},
     * for pages that come in the order of the declarations whose stored digests {@code storedDigests}
     * holds (as the projection read them, {@link GraphProjection#NO_DIGEST} for none): a score whose
     * digest equals the stored one is not written, and the store is not asked again.
     */
    public PageWriter pageWriter(String model, String scoredAt, IntToLongFunction storedDigests) {
        return new PageWriter(model, scoredAt, storedDigests);
    }

    /**
     * Stores pages of scored declarations in the background while the scorer explains the next one:
     * at most one page waits, so two pages of reasons are held at most.
     */
    public final class PageWriter implements Consumer<List<ScoredItem>>, AutoCloseable {
        private final String model;
        private final String scoredAt;
        private final IntToLongFunction storedDigests;
        private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "score-writer"));
        private Future<?> writing = CompletableFuture.completedFuture(null);
        private int nextRow;
        private Duration lastPage = Duration.ZERO;

        private PageWriter(String model, String scoredAt, IntToLongFunction storedDigests) {
            this.model = model;
            this.scoredAt = scoredAt;
            this.storedDigests = storedDigests;
        }

        @Override
        public void accept(List<ScoredItem> page) {
            await(writing);
            int first = nextRow;
            nextRow += page.size();
            writing = thread.submit(() -> write(Kind.DECLARATIONS, changedSince(page, first), model, scoredAt, false));
        }

        /** The items of {@code page} (whose first is row {@code first}) that do not hold their score already. */
        private List<ScoredItem> changedSince(List<ScoredItem> page, int first) {
            var changed = new ArrayList<ScoredItem>();
            for (int k = 0; k < page.size(); k++) {
                long stored = storedDigests.applyAsLong(first + k);
                if (stored == GraphProjection.NO_DIGEST || stored != digest(page.get(k), model)) {
                    changed.add(page.get(k));
                }
            }
            return changed;
        }

        /** Waits for the last page; a page that failed to store fails the scoring. */
        @Override
        public void close() {
            long started = System.nanoTime();
            try {
                await(writing);
                lastPage = Duration.ofNanos(System.nanoTime() - started);
            } finally {
                thread.shutdownNow();
            }
        }

        /** How long closing waited for the last page to be stored. */
        public Duration lastPage() {
            return lastPage;
        }
    }

    /** Stores one batch; returns how many items were written. */
    private int writeBatch(
            Kind kind, String cypher, List<ScoredItem> batch, String model, String scoredAt, boolean compare) {
        var rows = new ArrayList<Map<String, Object>>(batch.size());
        for (ScoredItem item : batch) {
            rows.add(Map.of(
                    "id",
                    item.id(),
                    "score",
                    item.score(),
                    "lane",
                    item.lane().name(),
                    "reasons",
                    item.reasons(),
                    // Declarations keep it to skip unchanged rewrites; companies are always written.
                    "digest",
                    kind == Kind.DECLARATIONS ? digest(item, model) : 0L));
        }
        if (kind == Kind.DECLARATIONS && compare) {
            rows = changed(rows);
        }
        if (rows.isEmpty()) {
            return 0;
        }
        var changedRows = rows;
        graph.update(tx -> tx.run(new Query(cypher, Map.of("rows", changedRows, "model", model, "scoredAt", scoredAt)))
                .consume());
        return rows.size();
    }

    /**
     * The rows whose declaration does not hold that score already. A declaration keeps the digest of
     * its score, lane, reasons and model; one that a scoring finds the same is left as it is (its
     * riskScoredAt says when it was set): sending ids and digests costs little, rewriting ten million
     * declarations' reasons costs minutes.
     */
    private ArrayList<Map<String, Object>> changed(List<Map<String, Object>> rows) {
        var keys = new ArrayList<Map<String, Object>>(rows.size());
        rows.forEach(row -> keys.add(Map.of("id", row.get("id"), "digest", row.get("digest"))));
        var changed = new HashSet<>(
                graph.query("""
                UNWIND $rows AS row
                MATCH (n:Declaration {id: row.id})
                WHERE n:Unscored OR n.riskDigest IS NULL OR n.riskDigest <> row.digest
                RETURN n.id AS id
                """, Map.of("rows", keys), r -> r.get("id").asString()));
        var out = new ArrayList<Map<String, Object>>(changed.size());
        rows.forEach(row -> {
            if (changed.contains(row.get("id"))) {
                out.add(row);
            }
        });
        return out;
    }

    /** A 64-bit FNV-1a hash of what is stored with a score: equal digests mean nothing to rewrite. */
    static long digest(ScoredItem item, String model) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, Double.toString(item.score()));
        h = mix(h, item.lane().name());
        h = mix(h, model);
        for (String reason : item.reasons()) {
            h = mix(h, reason);
        }
        return h;
    }

    private static long mix(long h, String text) {
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        // A separator, so that ["ab", "c"] and ["a", "bc"] differ.
        return (h ^ 0x1F) * 0x100000001b3L;
    }

    /** Stores the scores of some declarations only, leaving the others as they are. */
    public void saveDeclarations(List<ScoredItem> declarations, String model, String scoredAt) {
        write(Kind.DECLARATIONS, declarations, model, scoredAt, true);
    }

    /** What the last full scoring found in the networks of the given companies (those never scored are left out), by id. */
    public Map<String, PartyContext> parties(java.util.Collection<String> ids) {
        var parties = new java.util.HashMap<String, PartyContext>();
        graph.stream(
                """
                UNWIND $ids AS id
                MATCH (n:Company {id: id}) WHERE n.riskStructure IS NOT NULL
                RETURN n.id AS id, n.riskStructure AS structure, n.riskStructureReason AS reason
                """,
                Map.of("ids", List.copyOf(ids)),
                r -> parties.put(
                        r.get("id").asString(),
                        new PartyContext(
                                r.get("structure").asDouble(), r.get("reason").asString(null))));
        return parties;
    }

    /**
     * The score of the item at {@code rank} (1 = the riskiest) among the scored ones of a kind, 0
     * when fewer are scored. Served by the score index in order, so cheap for a small share.
     */
    public double scoreAtRank(Kind kind, long rank) {
        return graph
                .query(
                        "MATCH (n:" + kind.label.cypher() + ") WHERE n.riskScore >= 0.0"
                                + " RETURN n.riskScore AS score ORDER BY n.riskScore DESC SKIP $skip LIMIT 1",
                        Map.of("skip", Math.max(0, rank - 1)),
                        r -> r.get("score").asDouble())
                .stream()
                .findFirst()
                .orElse(0.0);
    }

    /** How many items of a kind have a score. */
    public long countScored(Kind kind) {
        if (kind == Kind.DECLARATIONS) {
            // Two counts that Neo4j keeps, where counting the scores would read every one.
            return graph.query(
                            "CALL { MATCH (d:Declaration) RETURN count(d) AS all }"
                                    + " CALL { MATCH (u:Unscored) RETURN count(u) AS unscored }"
                                    + " RETURN all - unscored AS n",
                            Map.of(),
                            r -> r.get("n").asLong())
                    .getFirst();
        }
        return graph.query(
                        "MATCH (n:" + kind.label.cypher() + ") WHERE n.riskScore >= 0.0 RETURN count(n) AS n",
                        Map.of(),
                        r -> r.get("n").asLong())
                .getFirst();
    }

    /**
     * How many scored items fall in each of {@code bins} equal score bands from 0 to 1. Counting reads
     * every score (about a second at ten million declarations), so the chart is counted again only
     * when the scores of its kind changed since ({@link ScoreVersions}).
     */
    public long[] histogram(Kind kind, int bins) {
        // Read before counting: a change during the count leaves a chart tagged older, counted again next time.
        long version = ScoreVersions.current(graph, kind.label.cypher());
        var chart = charts.get(kind);
        if (chart == null || chart.version() != version || chart.counts().length != bins) {
            chart = new Chart(version, countBins(kind, bins));
            charts.put(kind, chart);
        }
        return chart.counts().clone();
    }

    /** A score chart as counted at one version of the scores. */
    private record Chart(long version, long[] counts) {}

    private long[] countBins(Kind kind, int bins) {
        long[] counts = new long[bins];
        graph.query(
                        "MATCH (n:" + kind.label.cypher() + ") WHERE n.riskScore >= 0.0"
                                + " RETURN toInteger(floor(n.riskScore * $bins)) AS bin, count(*) AS n",
                        Map.of("bins", bins))
                .forEach(r -> counts[Math.min(bins - 1, r.get("bin").asInt())] +=
                        r.get("n").asLong());
        return counts;
    }

    /**
     * If the {@code capacity} riskiest declarations are inspected: how many there are and the
     * violations to expect there, reading each score as a probability (the sum of the scores).
     */
    public double[] expectedHits(int capacity) {
        var row = graph.query("""
                        MATCH (n:Declaration) WHERE n.riskScore >= 0.0
                        WITH n ORDER BY n.riskScore DESC LIMIT $capacity
                        RETURN count(n) AS inspected, sum(n.riskScore) AS hits
                        """, Map.of("capacity", capacity)).getFirst();
        return new double[] {row.get("inspected").asLong(), row.get("hits").asDouble(0)};
    }

    /** The stored score of one declaration or company; empty when it does not exist or was never scored. */
    public Optional<ScoredItem> find(Kind kind, String id) {
        String cypher = """
                MATCH (n:%s {id: $id}) WHERE n.riskScore IS NOT NULL
                RETURN n.id AS id, n.riskScore AS score, n.riskLane AS lane, n.riskReasons AS reasons
                """.formatted(kind.label.cypher());
        return graph.query(cypher, Map.of("id", id), RiskStore::scoredItem).stream()
                .findFirst();
    }

    /** The {@code top} riskiest items of a kind, riskiest first. */
    public List<ScoredItem> top(Kind kind, int top) {
        return page(kind, RankingFilter.NONE, 0, top);
    }

    /**
     * One page of a ranking: the items that pass {@code filter}, riskiest first, skipping
     * {@code offset} of them. Filters are parameters of one fixed query, never spliced into it.
     */
    public List<ScoredItem> page(Kind kind, RankingFilter filter, int offset, int limit) {
        return page(kind, filter, Order.RISKIEST_FIRST, offset, limit);
    }

    /** One page of the items that pass {@code filter}, in {@code order}. */
    public List<ScoredItem> page(Kind kind, RankingFilter filter, Order order, int offset, int limit) {
        return graph.query(
                pageQuery(kind, order, "RETURN id, score, n.riskLane AS lane, n.riskReasons AS reasons"),
                pageParameters(filter, offset, limit),
                RiskStore::scoredItem);
    }

    /**
     * One page as {@link #page(Kind, RankingFilter, Order, int, int)} reads it, with the names a
     * person reads it by: a company's name and country, a declaration's origin, seller and buyer.
     * The names are looked up for the rows of the page only.
     */
    public List<RankedItem> namedPage(Kind kind, RankingFilter filter, Order order, int offset, int limit) {
        String names = kind == Kind.DECLARATIONS ? """
                OPTIONAL CALL (n) { MATCH (n)-[:SOLD_BY]->(s:Company) RETURN s LIMIT 1 }
                OPTIONAL CALL (n) { MATCH (n)-[:BOUGHT_BY]->(b:Company) RETURN b LIMIT 1 }
                RETURN id, score, n.riskLane AS lane, n.riskReasons AS reasons, n.originCountry AS country,
                       s.id AS sellerId, s.name AS sellerName, b.id AS buyerId, b.name AS buyerName
                """ : """
                RETURN id, score, n.riskLane AS lane, n.riskReasons AS reasons, n.name AS name, n.country AS country,
                       EXISTS { (n)<-[:INVOLVES]-(:Finding) } AS inFinding
                """;
        return graph.query(
                pageQuery(kind, order, names),
                pageParameters(filter, offset, limit),
                r -> new RankedItem(
                        scoredItem(r),
                        r.get("name").asString(""),
                        r.get("country").asString(""),
                        party(r, "seller"),
                        party(r, "buyer"),
                        r.get("inFinding").asBoolean(false)));
    }

    /**
     * The page query of a kind: filters are parameters of one fixed query, never spliced into it.
     * {@code ret} reads the page's rows (bound to {@code n}, {@code id} and {@code score}), so what
     * it looks up is looked up for the page only.
     */
    private static String pageQuery(Kind kind, Order order, String ret) {
        String match = kind == Kind.DECLARATIONS ? """
                MATCH (n:Declaration) WHERE n.riskScore >= coalesce($minScore, 0.0)
                  AND ($lane IS NULL OR n.riskLane = $lane)
                  AND ($hs IS NULL OR n.hsCode STARTS WITH $hs)
                  AND ($office IS NULL OR n.officeCode = $office)
                  AND ($country IS NULL OR n.originCountry = $country)
                  AND ($from IS NULL OR n.filedOn >= $from)
                  AND ($to IS NULL OR n.filedOn <= $to)
                """ : """
                MATCH (n:Company) WHERE n.riskScore >= coalesce($minScore, 0.0)
                  AND ($lane IS NULL OR n.riskLane = $lane)
                  AND ($country IS NULL OR n.country = $country)
                """;
        return match + """
                WITH n, n.id AS id, n.riskScore AS score
                ORDER BY %s
                SKIP $offset LIMIT $limit
                """.formatted(order.cypher) + ret;
    }

    private static Map<String, Object> pageParameters(RankingFilter filter, int offset, int limit) {
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("need limit >= 1 and offset >= 0: " + limit + ", " + offset);
        }
        var parameters = new java.util.HashMap<String, Object>();
        parameters.put("lane", filter.lane() == null ? null : filter.lane().name());
        parameters.put("hs", filter.hsPrefix());
        parameters.put("office", filter.office());
        parameters.put("country", filter.country());
        parameters.put("from", filter.from());
        parameters.put("to", filter.to());
        parameters.put("minScore", filter.minScore());
        parameters.put("offset", offset);
        parameters.put("limit", limit);
        return parameters;
    }

    /** The company in columns {@code <role>Id} and {@code <role>Name}; null where there is none. */
    private static RankedItem.Party party(org.neo4j.driver.Record r, String role) {
        var id = r.get(role + "Id");
        return id.isNull()
                ? null
                : new RankedItem.Party(id.asString(), r.get(role + "Name").asString(""));
    }

    /** A row with columns id, score, lane and reasons, as every read here returns them. */
    private static ScoredItem scoredItem(org.neo4j.driver.Record r) {
        return new ScoredItem(
                r.get("id").asString(),
                r.get("score").asDouble(),
                Lane.valueOf(r.get("lane").asString()),
                r.get("reasons").asList(Value::asString));
    }
}
