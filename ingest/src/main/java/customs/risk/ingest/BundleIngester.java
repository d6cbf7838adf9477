package customs.risk.ingest;

import customs.risk.graph.files.FileStore;
import customs.risk.graph.store.EmbeddedNeo4j;
import customs.risk.graph.store.StoreUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Loads a bundle (a folder of contract CSV files) into the graph: the one code path behind
 * {@code ./risk ingest}, {@code POST /api/bundles} and the web upload.
 *
 * <p>Every file is checked (UTF-8, header) before anything loads; then rows stream through
 * validation into batched, idempotent writes while the next batch is being read, so memory stays
 * flat whatever the bundle's size. A bad row goes to the report; the rest loads.
 */
public final class BundleIngester {

    /** Rows per write transaction; around 2,000 measured fastest (larger transactions cost more to commit). */
    public static final int BATCH_SIZE_DEFAULT = 2_000;

    private static final int BATCHES_IN_FLIGHT = 2;

    private final Driver driver;
    private final InProcessDeclarations inProcess;
    private final FileStore fileStore;
    private final int batchSize;

    public BundleIngester(Driver driver, FileStore fileStore) {
        this(driver, fileStore, BATCH_SIZE_DEFAULT);
    }

    public BundleIngester(Driver driver, FileStore fileStore, int batchSize) {
        this(driver, null, fileStore, batchSize);
    }

    /**
     * An ingester that writes new declarations through the Java API of a store in this process
     * (no packing for Bolt, no Cypher to interpret) and everything else through {@code driver}.
     *
     * @param inProcess the embedded store {@code driver} reaches, or null when it is an external server
     */
    public BundleIngester(Driver driver, GraphDatabaseService inProcess, FileStore fileStore, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        this.driver = driver;
        this.inProcess = inProcess == null ? null : new InProcessDeclarations(inProcess);
        this.fileStore = fileStore;
        this.batchSize = batchSize;
    }

    /**
     * Loads the bundle in {@code bundleDir}, writing the report to {@code reportFile}.
     *
     * @throws BundleException when the bundle as a whole is unusable; nothing was loaded then
     * @throws StoreUnavailableException when the graph store cannot be reached
     */
    public IngestResult ingest(Path bundleDir, Path reportFile, IngestListener listener) throws BundleException {
        return load(
                bundleDir,
                reportFile,
                listener,
                fileStore,
                batchSize,
                report -> new GraphWriter(driver, inProcess, report));
    }

    /**
     * Loads a bundle into a graph store that does not exist yet, through Neo4j's offline batch
     * importer: the same validation and report as {@link #ingest}, many times faster for a first
     * load. The store must not be running; afterwards it starts like any other.
     *
     * @param neo4jHome the Neo4j home folder of the embedded store
     * @throws BundleException when the bundle is unusable or a store already exists there
     */
    public static IngestResult importIntoNewStore(
            Path bundleDir, Path neo4jHome, FileStore fileStore, Path reportFile, IngestListener listener)
            throws BundleException {
        if (EmbeddedNeo4j.storeExists(neo4jHome)) {
            throw new BundleException(
                    "a graph store already exists in " + neo4jHome + ": the offline import only creates new stores");
        }
        try (var sink = new BulkImportWriter(neo4jHome)) {
            var result = load(bundleDir, reportFile, listener, fileStore, BATCH_SIZE_DEFAULT, report -> {
                sink.reportTo(report);
                return sink;
            });
            long started = System.nanoTime();
            sink.runImport();
            return result.plus(Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new BundleException("the offline import failed: " + e.getMessage(), e);
        }
    }

    private static IngestResult load(
            Path bundleDir,
            Path reportFile,
            IngestListener listener,
            FileStore fileStore,
            int batchSize,
            Function<IngestReport, RowSink> sinkFactory)
            throws BundleException {
        long started = System.nanoTime();
        Map<BundleFile, Path> files = checkBundle(bundleDir);
        long totalBytes =
                files.values().stream().mapToLong(BundleIngester::sizeOf).sum();
        var results = new LinkedHashMap<String, FileSummary>();
        try (var report = new IngestReport(reportFile)) {
            warnAboutStrangers(bundleDir, report);
            var run = new Run(bundleDir, report, listener, totalBytes, sinkFactory.apply(report), fileStore, batchSize);
            try {
                for (var entry : files.entrySet()) {
                    results.put(entry.getKey().fileName(), run.load(entry.getKey(), entry.getValue()));
                }
            } finally {
                run.close();
            }
            return new IngestResult(
                    results,
                    report.placeholders(),
                    report.warnings(),
                    reportFile,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new BundleException("cannot write the report " + reportFile + ": " + e.getMessage(), e);
        }
    }

    private static Map<BundleFile, Path> checkBundle(Path bundleDir) throws BundleException {
        if (!Files.isDirectory(bundleDir)) {
            throw new BundleException(bundleDir + " is not a folder: a bundle is a folder of CSV files");
        }
        var files = new LinkedHashMap<BundleFile, Path>();
        for (BundleFile file : BundleFile.values()) {
            Path path = bundleDir.resolve(file.fileName());
            if (Files.exists(path)) {
                CsvTable.check(file, path);
                files.put(file, path);
            } else if (file.isRequiredFile()) {
                throw new BundleException(file.fileName() + " is missing from " + bundleDir
                        + ": a bundle needs at least declarations.csv");
            }
        }
        return files;
    }

    private static void warnAboutStrangers(Path bundleDir, IngestReport report) throws IOException {
        var known = new HashSet<String>();
        for (BundleFile file : BundleFile.values()) {
            known.add(file.fileName());
        }
        try (var listing = Files.list(bundleDir)) {
            listing.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".csv") && !known.contains(name))
                    .sorted()
                    .forEach(name -> report.add(
                            IngestReport.Severity.WARNING,
                            name,
                            0,
                            "",
                            "",
                            "not a file of the bundle contract; ignored"));
        }
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The state of one load: the writer thread, counters, the exchange rates in force. */
    private static final class Run {
        private final Path bundleDir;
        private final IngestReport report;
        private final IngestListener listener;
        private final long totalBytes;
        private final RowSink sink;
        private final FileStore fileStore;
        private final int batchSize;
        private final ExecutorService writerThread;
        private final Deque<Future<Long>> inFlight = new ArrayDeque<>();
        private final AtomicLong writerRejected = new AtomicLong();
        private ExchangeRates rates;
        private long bytesBefore;
        private long rowsRead;

        Run(
                Path bundleDir,
                IngestReport report,
                IngestListener listener,
                long totalBytes,
                RowSink sink,
                FileStore fileStore,
                int batchSize) {
            this.bundleDir = bundleDir.toAbsolutePath().normalize();
            this.report = report;
            this.listener = listener;
            this.totalBytes = totalBytes;
            this.sink = sink;
            this.fileStore = fileStore;
            this.batchSize = batchSize;
            // One writer thread: rows of the next batch are read and checked while the last one is written.
            this.writerThread = Executors.newSingleThreadExecutor(r -> {
                var thread = new Thread(r, "ingest-writer");
                thread.setDaemon(true);
                return thread;
            });
        }

        FileSummary load(BundleFile file, Path path) throws BundleException {
            if (file == BundleFile.DECLARATIONS) {
                rates = withStore(sink::rates);
            }
            writerRejected.set(0);
            var accepted = new AtomicLong();
            var rejected = new AtomicLong();
            try (var table = CsvTable.open(file, path)) {
                for (String column : table.unknownColumns()) {
                    report.add(
                            IngestReport.Severity.WARNING,
                            file.fileName(),
                            1,
                            column,
                            "",
                            CsvTable.isKeepableColumn(column)
                                    ? "column not in the contract; kept as property x_" + column
                                    : "column not in the contract and not lower snake case; ignored");
                }
                var seenKeys = new HashSet<String>();
                var batch = new ArrayList<PreparedRow>(batchSize);
                table.forEachRow(new CsvTable.RowHandler() {
                    @Override
                    public void accept(long line, Map<String, Object> values, Map<String, String> extras) {
                        rowsRead++;
                        String reason = RowRules.crossFieldProblem(file, values);
                        if (reason != null) {
                            reject(line, RowRules.crossFieldColumn(file), "", reason);
                            return;
                        }
                        String key = file.keyOf(values);
                        if (!seenKeys.add(key)) {
                            reject(line, "", key, "duplicate: a row with the same key appears earlier in this file");
                            return;
                        }
                        PreparedRow row = prepare(file, line, key, values, extras);
                        if (row == null) {
                            rejected.incrementAndGet();
                            return;
                        }
                        accepted.incrementAndGet();
                        batch.add(row);
                        if (batch.size() == batchSize) {
                            submit(file, List.copyOf(batch));
                            batch.clear();
                            progress(file, table);
                        }
                    }

                    @Override
                    public void reject(long line, String column, String value, String reason) {
                        rowsRead++;
                        rejected.incrementAndGet();
                        report.reject(file.fileName(), line, column, value, reason);
                    }
                });
                if (!batch.isEmpty()) {
                    submit(file, List.copyOf(batch));
                }
                drain();
                progress(file, table);
                bytesBefore += table.bytesRead();
            }
            long lateRejects = writerRejected.get();
            return new FileSummary(accepted.get() - lateRejects, rejected.get() + lateRejects);
        }

        private void progress(BundleFile file, CsvTable table) {
            listener.onProgress(
                    new IngestProgress(file.fileName(), rowsRead, bytesBefore + table.bytesRead(), totalBytes));
        }

        /** Turns validated values into node properties; null when the row is rejected here. */
        private PreparedRow prepare(
                BundleFile file, long line, String key, Map<String, Object> values, Map<String, String> extras) {
            // Room for the columns and the few properties derived from them, without growing.
            var props = LinkedHashMap.<String, Object>newLinkedHashMap(values.size() + extras.size() + 6);
            values.forEach((column, value) -> {
                if (!column.equals(file.idColumn())) {
                    props.put(camelCase(column), value);
                }
            });
            extras.forEach((column, value) -> props.put("x_" + column, value));
            switch (file) {
                case DECLARATIONS -> {
                    if (props.get("quantityUnit") == null) {
                        props.put("quantityUnit", "KG");
                    }
                    if (props.get("currency") == null) {
                        props.put("currency", ExchangeRates.BASE_CURRENCY);
                    }
                    String hs = (String) props.get("hsCode");
                    props.put("hs6", hs.substring(0, 6));
                    props.put("hs4", hs.substring(0, 4));
                    props.put("hs2", hs.substring(0, 2));
                    String currency = (String) props.get("currency");
                    Double usd = rates.toBase(
                            (Double) props.get("declaredValue"), currency, (LocalDate) props.get("filedOn"));
                    props.put("valueUsd", usd);
                    if (usd == null) {
                        report.add(
                                IngestReport.Severity.WARNING,
                                file.fileName(),
                                line,
                                "currency",
                                currency,
                                "no exchange rate for " + currency + " on or before " + props.get("filedOn")
                                        + "; the value in USD is left empty");
                    }
                }
                case DOCUMENTS -> {
                    String relative = (String) values.get("file");
                    props.remove("file");
                    props.put("fileName", relative);
                    Path source = bundleDir.resolve(relative).normalize();
                    if (!source.startsWith(bundleDir) || !Files.isRegularFile(source) || !Files.isReadable(source)) {
                        report.reject(
                                file.fileName(),
                                line,
                                "file",
                                relative,
                                "file not found in the bundle (paths are relative to the bundle folder)");
                        return null;
                    }
                    try {
                        var stored = fileStore.put(source);
                        props.put("sha256", stored.sha256());
                        props.put("size", stored.size());
                    } catch (IOException e) {
                        report.reject(
                                file.fileName(), line, "file", relative, "cannot read the file: " + e.getMessage());
                        return null;
                    }
                }
                default -> {}
            }
            return new PreparedRow(line, key, props);
        }

        private void submit(BundleFile file, List<PreparedRow> rows) {
            if (inFlight.size() >= BATCHES_IN_FLIGHT) {
                await(inFlight.removeFirst());
            }
            inFlight.addLast(writerThread.submit(() -> {
                long rejectedHere = sink.write(file, rows);
                writerRejected.addAndGet(rejectedHere);
                return rejectedHere;
            }));
        }

        private void drain() {
            while (!inFlight.isEmpty()) {
                await(inFlight.removeFirst());
            }
            await(writerThread.submit(() -> {
                sink.finish();
                return 0L;
            }));
        }

        private void await(Future<Long> future) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("ingest interrupted", e);
            } catch (ExecutionException e) {
                throw translate(e.getCause());
            }
        }

        void close() {
            inFlight.forEach(f -> f.cancel(true));
            writerThread.shutdownNow();
        }
    }

    private static <T> T withStore(Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(Throwable e) {
        if (e instanceof ServiceUnavailableException || e instanceof SessionExpiredException) {
            return new StoreUnavailableException(
                    "the graph store is unreachable: " + e.getMessage()
                            + "; rows written before this point are kept, load the bundle again when it is back",
                    e);
        }
        if (e instanceof UncheckedIOException u) {
            return u;
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }

    // Column names seen, with their property names: a load asks for every value of every row.
    private static final Map<String, String> CAMEL_CASE = new ConcurrentHashMap<>();
    private static final int CAMEL_CASE_KEPT = 10_000;

    /** The property name of a column: lower camel case. */
    static String camelCase(String column) {
        String known = CAMEL_CASE.get(column);
        if (known != null) {
            return known;
        }
        String converted = toCamelCase(column);
        if (CAMEL_CASE.size() < CAMEL_CASE_KEPT) {
            CAMEL_CASE.put(column, converted);
        }
        return converted;
    }

    private static String toCamelCase(String column) {
        var out = new StringBuilder(column.length());
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
