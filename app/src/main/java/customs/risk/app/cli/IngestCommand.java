package customs.risk.app.cli;

import customs.risk.documents.filing.DocumentService;
import customs.risk.engine.RiskService;
import customs.risk.engine.resolution.ResolutionService;
import customs.risk.graph.DataDirectory;
import customs.risk.graph.files.FileStore;
import customs.risk.graph.files.Folders;
import customs.risk.graph.store.EmbeddedNeo4j;
import customs.risk.ingest.BundleException;
import customs.risk.ingest.BundleIngester;
import customs.risk.ingest.IngestResult;
import customs.risk.ingest.kcs.KcsConverter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/** {@code ./risk ingest}: load a bundle folder (or a KCS dataset file) into the stores. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Load a bundle (a folder of CSV files, see docs/DATA-CONTRACT.md) into the data dir.",
            "Bad rows are rejected into the report; the rest loads. Loading the same bundle twice changes nothing.",
            "Exit code 0: all rows loaded; 3: some rows rejected; 2: the bundle cannot be loaded at all."
        })
final class IngestCommand implements Callable<Integer> {

    enum Format {
        bundle,
        kcs
    }

    @Parameters(
            index = "0",
            paramLabel = "SOURCE",
            description = "The bundle folder, or with --format kcs the KCS CSV file.")
    Path source;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description = "Where to write the CSV report of rejected rows, placeholders and warnings"
                    + " (default: DATA_DIR/reports/ingest-TIMESTAMP.csv).")
    Path report;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "bundle",
            description = "bundle (default) or kcs (the public KCS customs dataset CSV).")
    Format format;

    @Option(
            names = "--without-outcomes",
            description = "With --format kcs: leave the Fraud labels out, so the declarations load as new ones to"
                    + " rank rather than as inspected history.")
    boolean withoutOutcomes;

    @Option(
            names = "--transactional",
            description = "Load through transactions even into a new store (by default a first load into an empty"
                    + " embedded store uses Neo4j's much faster offline importer).")
    boolean transactional;

    @Mixin
    DataDirOption data;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() throws BundleException, IOException {
        Path bundle = source;
        Path converted = null;
        if (format == Format.kcs) {
            converted = Files.createTempDirectory("kcs-bundle");
            long n = KcsConverter.convert(source, converted, !withoutOutcomes);
            System.err.printf("Converted %,d KCS declarations from %s%n", n, source.getFileName());
            bundle = converted;
        } else if (withoutOutcomes) {
            System.err.println("error: --without-outcomes applies to --format kcs only");
            return ExitCodes.USAGE;
        } else if (!Files.isDirectory(source)) {
            throw new BundleException(source + " is not a folder: a bundle is a folder of CSV files"
                    + " (for a KCS dataset file add --format kcs)");
        }
        try {
            var dataDirectory = new DataDirectory(data.dataDir);
            Path reportFile = report != null
                    ? report
                    : dataDirectory
                            .reports()
                            .resolve("ingest-"
                                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                                    + ".csv");
            IngestResult result = offlinePossible(dataDirectory)
                    ? importIntoNewStore(bundle, dataDirectory, reportFile)
                    : load(bundle, reportFile);
            print(result);
            return result.rejected() > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
        } finally {
            if (converted != null) {
                Folders.deleteRecursively(converted);
            }
        }
    }

    private boolean offlinePossible(DataDirectory dataDirectory) {
        boolean embedded = springArgs.stream().noneMatch(a -> a.replace(" ", "").equals("--risk.neo4j.embedded=false"))
                && !"false".equalsIgnoreCase(System.getenv("RISK_NEO4J_EMBEDDED"));
        return embedded
                && !transactional
                && !EmbeddedNeo4j.storeExists(dataDirectory.root().resolve("neo4j"));
    }

    private IngestResult load(Path bundle, Path reportFile) throws BundleException {
        try (var context = ApplicationContexts.start(data.dataDir, false, springArgs)) {
            var progress = new ConsoleProgress(System.err);
            var result = context.getBean(BundleIngester.class).ingest(bundle, reportFile, progress);
            progress.finish();
            resolveNew(context.getBean(ResolutionService.class));
            scoreNew(context.getBean(RiskService.class));
            indexNew(context.getBean(DocumentService.class));
            return result;
        }
    }

    /** A first load into an empty store: Neo4j's offline importer, then one start to build the schema. */
    private IngestResult importIntoNewStore(Path bundle, DataDirectory dataDirectory, Path reportFile)
            throws BundleException {
        System.err.println("New graph store: loading through Neo4j's offline importer");
        var progress = new ConsoleProgress(System.err);
        var result = BundleIngester.importIntoNewStore(
                bundle, dataDirectory.neo4jHome(), new FileStore(dataDirectory.files()), reportFile, progress);
        progress.finish();
        long started = System.nanoTime();
        System.err.println("Building constraints and indexes...");
        try (var context = ApplicationContexts.start(data.dataDir, false, springArgs)) {
            resolveNew(context.getBean(ResolutionService.class));
            scoreNew(context.getBean(RiskService.class));
            indexNew(context.getBean(DocumentService.class));
        }
        return result.plus(Duration.ofNanos(System.nanoTime() - started));
    }

    /** New company records are resolved against the others at once, so new declarations count for their party. */
    private static void resolveNew(ResolutionService resolution) {
        var s = resolution.resolveChanged();
        if (s.candidates() > 0) {
            System.err.printf(
                    "Resolved new company records: %s (%.1f s)%n",
                    s.partiesLine(), s.took().toMillis() / 1000.0);
        }
    }

    /** New declarations are scored at once with the current model, when there is one. */
    private static void scoreNew(RiskService risk) {
        risk.scoreNew()
                .ifPresentOrElse(
                        scored -> System.err.printf(
                                "Scored %,d new declarations with model %s in %.1f s%n",
                                scored.declarations(),
                                scored.model(),
                                scored.took().toMillis() / 1000.0),
                        () -> System.err.println("No model trained yet: run ./risk train to score the data"));
    }

    /** The bundle's documents go to the search index at once (or wait in the outbox if it is down). */
    private static void indexNew(DocumentService documents) {
        var indexed = documents.indexNew();
        if (indexed.documents() > 0 || indexed.queued() > 0) {
            System.err.printf(
                    "Indexed %,d new documents for search%s%n",
                    indexed.documents(),
                    indexed.queued() == 0 ? "" : String.format("; %,d wait for the search engine", indexed.queued()));
        }
    }

    static void print(IngestResult result) {
        System.out.printf(
                "Loaded %,d rows, rejected %,d, placeholders %,d, warnings %,d in %.1f s%n",
                result.loaded(),
                result.rejected(),
                result.placeholders(),
                result.warnings(),
                result.took().toMillis() / 1000.0);
        result.files()
                .forEach((file, s) ->
                        System.out.printf("  %-20s %,10d loaded %,8d rejected%n", file, s.loaded(), s.rejected()));
        System.out.println("Report: " + result.report().toAbsolutePath());
    }
}
