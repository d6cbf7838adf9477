package customs.risk.bench.documents;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import customs.risk.documents.search.DocumentIndex;
import customs.risk.documents.search.DocumentQuery;
import customs.risk.documents.search.IndexedDocument;
import customs.risk.documents.search.PlainLuceneIndex;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The figures of {@code ./risk bench documents}: how fast documents are indexed
 * and how fast a user's searches answer, in Elasticsearch as the application uses it (bulk through
 * {@link DocumentIndex}, searches with snippets and facets) and, side by side, in a plain Lucene
 * index of the same documents in this JVM ({@link PlainLuceneIndex}): the gap is what
 * Elasticsearch's HTTP, JSON and cluster layers cost, the Lucene figures the in-process limit.
 *
 * <p>A run generates {@code count} synthetic customs documents from the seed (the same seed gives
 * the same documents and queries), bulk-indexes them into a scratch index (never the application's
 * {@code documents} index) and refreshes, then runs the mixed query set after a warm-up; then the
 * same for Lucene in a scratch folder under {@code workDir}. Indexing time covers the bulk requests
 * (or Lucene's indexing) and the final refresh, not the generation of the documents; latency is
 * wall clock on the caller's side, one query at a time. The scratch index and folder are deleted
 * at the end, also when the run fails. Plain Java, no Spring: the application's CLI wraps it.
 */
public final class DocumentBenchmark {

    public static final int COUNT_DEFAULT = 100_000;
    public static final long SEED_DEFAULT = 42;
    public static final int QUERIES_DEFAULT = 360;
    public static final int WARMUP_QUERIES_DEFAULT = 45;
    public static final int BATCH_SIZE_DEFAULT = 1_000;
    public static final int PAGE_SIZE_DEFAULT = 10;
    public static final String INDEX_NAME_DEFAULT = "bench-documents";
    /** The targets set for document search on 2 cores, at {@link #TARGET_AT_DOCUMENTS} documents. */
    public static final double TARGET_DOCUMENTS_PER_SECOND = 3_000;

    public static final double TARGET_P95_MILLIS = 50;
    public static final int TARGET_AT_DOCUMENTS = 100_000;

    private DocumentBenchmark() {}

    /**
     * What to run.
     *
     * @param count documents to generate and index, >= 1
     * @param seed the same seed gives the same documents and queries
     * @param queries measured queries per engine, >= 1 (kinds take turns)
     * @param warmupQueries queries run first and not measured, >= 0
     * @param batchSize documents per bulk request, >= 1
     * @param indexName Elasticsearch index the run creates and deletes; not {@code documents}
     */
    public record Settings(int count, long seed, int queries, int warmupQueries, int batchSize, String indexName) {
        public Settings {
            if (count < 1 || queries < 1 || warmupQueries < 0 || batchSize < 1) {
                throw new IllegalArgumentException("need count >= 1, queries >= 1, warmupQueries >= 0, batchSize >= 1: "
                        + count + ", " + queries + ", " + warmupQueries + ", " + batchSize);
            }
            if (indexName == null || indexName.isBlank() || indexName.equals(DocumentIndex.INDEX_NAME_DEFAULT)) {
                throw new IllegalArgumentException("the benchmark deletes its index; give another name than '"
                        + DocumentIndex.INDEX_NAME_DEFAULT + "': " + indexName);
            }
        }

        /** {@code count} documents, everything else the defaults. */
        public static Settings of(int count) {
            return new Settings(
                    count,
                    SEED_DEFAULT,
                    QUERIES_DEFAULT,
                    WARMUP_QUERIES_DEFAULT,
                    BATCH_SIZE_DEFAULT,
                    INDEX_NAME_DEFAULT);
        }
    }

    /**
     * One engine's figures.
     *
     * @param engine name as printed
     * @param documents documents the index holds after the run's indexing (should equal the count)
     * @param indexSeconds time to index them, the final refresh included
     * @param queriesRun measured queries (warm-up excluded)
     * @param byKind per kind of query: how many ran, how many found something, their latency
     */
    public record Figures(
            String engine,
            long documents,
            double indexSeconds,
            double documentsPerSecond,
            int queriesRun,
            double p50Millis,
            double p95Millis,
            double maxMillis,
            Map<QueryKind, KindFigures> byKind) {
        public Figures {
            byKind = Map.copyOf(byKind);
        }
    }

    /** Figures of one kind of query on one engine; {@code medianMatches} is the median total of matches. */
    public record KindFigures(int queries, int withHits, long medianMatches, double p50Millis, double p95Millis) {}

    /**
     * The result of a run. {@code totalsDiffering} counts measured queries whose total of matches
     * differed between the engines (both count exactly; anything but 0 means they disagree).
     */
    public record Report(Settings settings, Figures elasticsearch, Figures lucene, int totalsDiffering) {

        /** Whether Elasticsearch met the targets; only meaningful at {@link #TARGET_AT_DOCUMENTS} documents or more. */
        public boolean meetsTargets() {
            return elasticsearch.documentsPerSecond() >= TARGET_DOCUMENTS_PER_SECOND
                    && elasticsearch.p95Millis() < TARGET_P95_MILLIS;
        }
    }

    /**
     * Runs the benchmark and prints its table to {@code out}.
     *
     * @param workDir folder for the scratch Lucene index (a fresh sub-folder, deleted at the end)
     * @param client the Elasticsearch to measure: the embedded node or an external cluster
     * @throws IOException if Elasticsearch cannot be reached or the folder cannot be written
     * @throws IllegalStateException if Elasticsearch refuses documents (the figures would be void)
     */
    public static Report run(Settings settings, Path workDir, ElasticsearchClient client, PrintStream out)
            throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(out, "out");
        var generator = new CustomsDocumentGenerator(settings.seed(), settings.count());
        var warmup = MixedQueries.build(generator, settings.seed() + 1, settings.warmupQueries(), PAGE_SIZE_DEFAULT);
        var queries = MixedQueries.build(generator, settings.seed(), settings.queries(), PAGE_SIZE_DEFAULT);
        out.printf(
                Locale.ROOT,
                "Documents benchmark: %,d documents (seed %d), bulk batches of %,d, %d queries after %d warm-up, page of %d%n",
                settings.count(),
                settings.seed(),
                settings.batchSize(),
                settings.queries(),
                settings.warmupQueries(),
                PAGE_SIZE_DEFAULT);

        var elasticsearch = new DocumentIndex(client, settings.indexName());
        Measured es;
        try {
            elasticsearch.recreate();
            es = measure("Elasticsearch", settings, generator, warmup, queries, new Engine() {
                @Override
                public void index(List<IndexedDocument> batch) throws IOException {
                    var outcome = elasticsearch.index(batch);
                    if (!outcome.rejected().isEmpty() || !outcome.retryable().isEmpty()) {
                        throw new IllegalStateException("Elasticsearch refused "
                                + (outcome.rejected().size()
                                        + outcome.retryable().size()) + " documents, e.g. " + outcome.rejected()
                                + outcome.retryable());
                    }
                }

                @Override
                public void refresh() throws IOException {
                    elasticsearch.refresh();
                }

                @Override
                public long count() throws IOException {
                    return elasticsearch.count();
                }

                @Override
                public long search(DocumentQuery query) throws IOException {
                    return elasticsearch.search(query).total();
                }
            });
        } finally {
            elasticsearch.delete();
        }

        Files.createDirectories(workDir);
        Path folder = Files.createTempDirectory(workDir, "bench-lucene-");
        Measured lucene;
        try (var index = new PlainLuceneIndex(folder)) {
            lucene = measure("plain Lucene", settings, generator, warmup, queries, new Engine() {
                @Override
                public void index(List<IndexedDocument> batch) throws IOException {
                    index.index(batch);
                }

                @Override
                public void refresh() throws IOException {
                    index.refresh();
                }

                @Override
                public long count() throws IOException {
                    return index.search(DocumentQuery.of("").withPage(0, 0)).total();
                }

                @Override
                public long search(DocumentQuery query) throws IOException {
                    return index.search(query).total();
                }
            });
        } finally {
            deleteTree(folder);
        }

        int differing = 0;
        for (int i = 0; i < queries.size(); i++) {
            if (es.totals[i] != lucene.totals[i]) {
                differing++;
            }
        }
        var report = new Report(settings, es.figures, lucene.figures, differing);
        print(report, queries, out);
        return report;
    }

    /** What the benchmark does with an engine; lets both engines go through the same measuring code. */
    private interface Engine {
        void index(List<IndexedDocument> batch) throws IOException;

        void refresh() throws IOException;

        long count() throws IOException;

        /** Runs the query and returns its total of matches. */
        long search(DocumentQuery query) throws IOException;
    }

    private record Measured(Figures figures, long[] totals) {}

    private static Measured measure(
            String name,
            Settings settings,
            CustomsDocumentGenerator generator,
            List<MixedQueries.BenchQuery> warmup,
            List<MixedQueries.BenchQuery> queries,
            Engine engine)
            throws IOException {
        long indexingNanos = 0;
        for (int from = 0; from < settings.count(); from += settings.batchSize()) {
            var batch = generator.documents(from, Math.min(settings.count(), from + settings.batchSize()));
            long began = System.nanoTime();
            engine.index(batch);
            indexingNanos += System.nanoTime() - began;
        }
        long began = System.nanoTime();
        engine.refresh();
        indexingNanos += System.nanoTime() - began;
        long documents = engine.count();

        for (var query : warmup) {
            engine.search(query.query());
        }
        long[] nanos = new long[queries.size()];
        long[] totals = new long[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            long start = System.nanoTime();
            totals[i] = engine.search(queries.get(i).query());
            nanos[i] = System.nanoTime() - start;
        }

        Map<QueryKind, KindFigures> byKind = new EnumMap<>(QueryKind.class);
        for (QueryKind kind : QueryKind.values()) {
            int[] positions = IntStream.range(0, queries.size())
                    .filter(i -> queries.get(i).kind() == kind)
                    .toArray();
            if (positions.length > 0) {
                long[] kindNanos =
                        Arrays.stream(positions).mapToLong(i -> nanos[i]).toArray();
                long[] kindTotals = Arrays.stream(positions)
                        .mapToLong(i -> totals[i])
                        .sorted()
                        .toArray();
                byKind.put(
                        kind,
                        new KindFigures(
                                positions.length,
                                (int) Arrays.stream(kindTotals)
                                        .filter(t -> t > 0)
                                        .count(),
                                kindTotals[(kindTotals.length - 1) / 2],
                                percentileMillis(kindNanos, 50),
                                percentileMillis(kindNanos, 95)));
            }
        }
        double seconds = indexingNanos / 1e9;
        var figures = new Figures(
                name,
                documents,
                seconds,
                settings.count() / seconds,
                queries.size(),
                percentileMillis(nanos, 50),
                percentileMillis(nanos, 95),
                percentileMillis(nanos, 100),
                byKind);
        return new Measured(figures, totals);
    }

    /** Nearest-rank percentile, in milliseconds. */
    static double percentileMillis(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    private static void print(Report report, List<MixedQueries.BenchQuery> queries, PrintStream out) {
        Figures es = report.elasticsearch();
        Figures lucene = report.lucene();
        String row = "%-22s %15s %15s%n";
        out.printf(Locale.ROOT, row, "", es.engine(), lucene.engine());
        out.printf(Locale.ROOT, row, "documents", "%,d".formatted(es.documents()), "%,d".formatted(lucene.documents()));
        out.printf(
                Locale.ROOT,
                row,
                "indexing (s)",
                "%.1f".formatted(es.indexSeconds()),
                "%.1f".formatted(lucene.indexSeconds()));
        out.printf(
                Locale.ROOT,
                row,
                "documents/s",
                "%,.0f".formatted(es.documentsPerSecond()),
                "%,.0f".formatted(lucene.documentsPerSecond()));
        out.printf(Locale.ROOT, row, "queries run", es.queriesRun(), lucene.queriesRun());
        out.printf(
                Locale.ROOT,
                row,
                "query p50 (ms)",
                "%.1f".formatted(es.p50Millis()),
                "%.1f".formatted(lucene.p50Millis()));
        out.printf(
                Locale.ROOT,
                row,
                "query p95 (ms)",
                "%.1f".formatted(es.p95Millis()),
                "%.1f".formatted(lucene.p95Millis()));
        out.printf(
                Locale.ROOT,
                row,
                "query max (ms)",
                "%.1f".formatted(es.maxMillis()),
                "%.1f".formatted(lucene.maxMillis()));
        out.println(
                "Elasticsearch searches ask for snippets and facets (type, company, year); Lucene ones only for ids.");
        out.printf(
                Locale.ROOT,
                "%-16s %7s %9s %9s %8s %8s %10s%n",
                "per kind",
                "queries",
                "with hits",
                "median n",
                "ES p50",
                "ES p95",
                "Lucene p95");
        for (QueryKind kind : QueryKind.values()) {
            KindFigures e = es.byKind().get(kind);
            KindFigures l = lucene.byKind().get(kind);
            if (e != null) {
                out.printf(
                        Locale.ROOT,
                        "%-16s %7d %9d %9d %8.1f %8.1f %10.1f%n",
                        kind.label(),
                        e.queries(),
                        Math.max(e.withHits(), l.withHits()),
                        e.medianMatches(),
                        e.p50Millis(),
                        e.p95Millis(),
                        l.p95Millis());
            }
        }
        out.printf(
                Locale.ROOT,
                "Totals of matches differing between the engines: %d of %d queries%n",
                report.totalsDiffering(),
                queries.size());
        String verdict = report.settings().count() < TARGET_AT_DOCUMENTS
                ? "not judged below %,d documents".formatted(TARGET_AT_DOCUMENTS)
                : report.meetsTargets() ? "met" : "NOT met";
        out.printf(
                Locale.ROOT,
                "Target (2 cores, %,d documents): Elasticsearch >= %,.0f documents/s and p95 < %.0f ms: %s%n",
                TARGET_AT_DOCUMENTS,
                TARGET_DOCUMENTS_PER_SECOND,
                TARGET_P95_MILLIS,
                verdict);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
