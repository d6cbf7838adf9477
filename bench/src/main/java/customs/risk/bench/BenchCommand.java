package customs.risk.bench;

import customs.risk.app.cli.ApplicationContexts;
import customs.risk.app.cli.ExitCodes;
import customs.risk.bench.documents.DocumentBenchmark;
import customs.risk.documents.filing.SearchEngine;
import customs.risk.engine.RiskService;
import customs.risk.engine.evaluation.ResolutionEvaluation;
import customs.risk.engine.explore.EntityService;
import customs.risk.engine.explore.EvidenceService;
import customs.risk.engine.explore.NetworkService;
import customs.risk.engine.explore.NodeRef;
import customs.risk.engine.ranking.RiskAssessment;
import customs.risk.engine.resolution.MatchModel;
import customs.risk.engine.resolution.ResolutionService;
import customs.risk.fixtures.BundleGenerator;
import customs.risk.fixtures.GeneratorSettings;
import customs.risk.graph.DataDirectory;
import customs.risk.graph.NodeLabel;
import customs.risk.graph.files.FileStore;
import customs.risk.graph.files.Folders;
import customs.risk.graph.store.Graph;
import customs.risk.ingest.BundleIngester;
import customs.risk.ingest.IngestListener;
import customs.risk.ingest.IngestProgress;
import customs.risk.ingest.IngestResult;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.neo4j.driver.Driver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/** {@code ./risk bench ingest}: load speed into an empty and into a filled store, with peak heap. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmarks that print figures. 'bench ingest': generate N declarations, load them into an empty"
                    + " data dir (Neo4j's offline importer, then indexes), then load a second bundle into the filled store"
                    + " (transactions, as the REST API does). Generation time is not counted.",
            "'bench score': generate N declarations, load them, train a model and rescore everything with it,"
                    + " load a second bundle (--second, default 10,000) and score its declarations incrementally,"
                    + " then rescore everything with that model as a nightly run would; each with its stages and"
                    + " peak heap, and how many stored scores the rescoring changed.",
            "'bench documents --count N': generate N filed documents, index them into the in-process Elasticsearch"
                    + " node and into a plain Lucene index, then run a mixed query set on both; prints documents/s"
                    + " and query latency p50/p95 side by side.",
            "'bench ui --declarations N': generate, load and score N declarations, then time what the views wait"
                    + " for: the first rows of each ranking, an entity page's data, a capped expansion of the node with"
                    + " the most neighbours, the busiest company's trade partners, timeline and evidence (server side,"
                    + " through the services the views call), and in headless Chromium the time to the first paint of"
                    + " that evidence's network.",
            "'bench resolve --companies N': generate a company universe of N records with planted duplicates and"
                    + " look-alikes (in parts of 100,000), load it (companies only), run entity resolution over"
                    + " it as './risk resolve' does, stage by stage, and measure the parties against the truth; then load"
                    + " 1% more records and resolve only those.",
            "'bench alerts --watches W --declarations N --second M --loads K': load N generated declarations,"
                    + " train, let 100 users watch W companies, people, declaration filters and document searches,"
                    + " then load the latest K x M declarations of the same trade (default 10,000, K 3), M at a time,"
                    + " as an officer's upload is loaded, after a periodic sweep; prints the time each step after each"
                    + " load takes (resolution,"
                    + " scoring, indexing, the alert sweep) with the median sweep, the sweep after a full"
                    + " rescoring, and the alerts by kind.",
            "Peak heap is sampled every 50 ms; run with RISK_JAVA_OPTS=-Xmx1g to hold it to 1 GB."
        })
public final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WHAT", description = "ingest, score, documents, ui, resolve or alerts")
    String what;

    @Option(
            names = "--declarations",
            defaultValue = "1000000",
            paramLabel = "N",
            description = "Declarations of the first bundle (default: ${DEFAULT-VALUE}).")
    int declarations;

    @Option(
            names = "--second",
            paramLabel = "N",
            description = "Declarations of the second bundle, loaded into the filled store (default: N / 10).")
    Integer second;

    @Option(
            names = "--count",
            defaultValue = "100000",
            paramLabel = "N",
            description = "Documents for 'bench documents' (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(
            names = "--companies",
            paramLabel = "N",
            description = "Company records for 'bench resolve' (default: 1,000,000); the company universe of the"
                    + " declarations 'bench score' generates (default: one company per 20 declarations).")
    Integer companies;

    @Option(
            names = "--watches",
            defaultValue = "10000",
            paramLabel = "W",
            description = "Watches for 'bench alerts' (default: ${DEFAULT-VALUE}).")
    int watches;

    @Option(
            names = "--loads",
            defaultValue = "3",
            paramLabel = "K",
            description = "Loads of M declarations for 'bench alerts' (default: ${DEFAULT-VALUE}).")
    int loads;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the first bundle; the second uses seed + 1.")
    long seed;

    @Option(names = "--transactional", description = "Load the first bundle through transactions too.")
    boolean transactional;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "An empty folder to load into (default: a temporary folder, deleted afterwards).")
    Path dataDir;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (!List.of("ingest", "score", "documents", "ui", "resolve", "alerts").contains(what)) {
            System.err.println("error: unknown benchmark '" + what
                    + "' (available: ingest, score, documents, ui, resolve, alerts)");
            return ExitCodes.USAGE;
        }
        boolean temporary = dataDir == null;
        Path dir = temporary ? Files.createTempDirectory("bench-ingest") : dataDir;
        if (!temporary && Files.exists(dir) && Files.list(dir).findAny().isPresent()) {
            System.err.println("error: " + dir + " is not empty; the benchmark needs an empty data dir");
            return ExitCodes.USAGE;
        }
        Path bundles = Files.createTempDirectory("bench-bundles");
        try {
            return switch (what) {
                case "score" -> runScore(dir, bundles);
                case "documents" -> runDocuments(dir);
                case "ui" -> runViews(dir, bundles);
                case "resolve" -> runResolve(dir, bundles);
                case "alerts" ->
                    new AlertsBenchmark(
                                    seed, declarations, second != null ? second : 10_000, loads, watches, springArgs)
                            .run(dir, bundles);
                default -> run(dir, bundles);
            };
        } finally {
            Folders.deleteRecursively(bundles);
            if (temporary) {
                Folders.deleteRecursively(dir);
            }
        }
    }

    private int run(Path dir, Path bundles) throws Exception {
        int secondSize = second != null ? second : Math.max(1_000, declarations / 10);
        var first = generate(seed, declarations, bundles.resolve("first"));
        var secondBundle = generate(seed + 1, secondSize, bundles.resolve("second"));
        var data = new DataDirectory(dir);
        System.out.printf(
                "bench ingest: %,d + %,d declarations, JVM max heap %,d MB, %d cores%n",
                declarations,
                secondSize,
                Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());

        var heap = new HeapSampler();
        var firstFiles = new FileClock();
        long started = System.nanoTime();
        IngestResult result;
        if (transactional) {
            try (var context = ApplicationContexts.start(dir, false, springArgs)) {
                result = context.getBean(BundleIngester.class)
                        .ingest(first, data.reports().resolve("first.csv"), IngestListener.NONE);
            }
        } else {
            result = BundleIngester.importIntoNewStore(
                    first,
                    data.neo4jHome(),
                    new FileStore(data.files()),
                    data.reports().resolve("first.csv"),
                    firstFiles);
        }
        long loaded = System.nanoTime();
        try (var context = ApplicationContexts.start(dir, false, springArgs)) {
            // Start-up builds the constraints and indexes: part of making the store usable.
            double seconds = (System.nanoTime() - started) / 1e9;
            var driver = context.getBean(Driver.class);
            long entities = nodesAndRelationships(driver);
            print(
                    transactional ? "empty store, transactions" : "empty store, offline import + indexes",
                    result,
                    seconds,
                    entities,
                    heap.peakAndReset());
            if (!transactional) {
                double checked = (firstFiles.lastDone() - started) / 1e9;
                System.out.printf(
                        "  files checked and written for the importer %.1f s, Neo4j's importer %.1f s,"
                                + " start-up with its indexes %.1f s%n",
                        checked, (loaded - started) / 1e9 - checked, seconds - (loaded - started) / 1e9);
            }

            long before = entities;
            var files = new FileClock();
            started = System.nanoTime();
            var filled = context.getBean(BundleIngester.class)
                    .ingest(secondBundle, data.reports().resolve("second.csv"), files);
            seconds = (System.nanoTime() - started) / 1e9;
            print(
                    "filled store, transactions",
                    filled,
                    seconds,
                    nodesAndRelationships(driver) - before,
                    heap.peakAndReset());
            System.out.println("  by file: " + files.summary(started));
        } finally {
            heap.stop();
        }
        return ExitCodes.OK;
    }

    /**
     * Training of a generated store, the incremental scoring of a second bundle loaded into it, then
     * a full rescoring, stage by stage.
     */
    private int runScore(Path dir, Path bundles) throws Exception {
        int secondSize = second != null ? second : 10_000;
        var settings = GeneratorSettings.defaults(seed, declarations);
        var first =
                generate(companies == null ? settings : settings.withCompanies(companies), bundles.resolve("first"));
        var secondBundle = generate(seed + 1, secondSize, bundles.resolve("second"));
        var data = new DataDirectory(dir);
        BundleIngester.importIntoNewStore(
                first,
                data.neo4jHome(),
                new FileStore(data.files()),
                data.reports().resolve("first.csv"),
                IngestListener.NONE);
        System.out.printf(
                "bench score: %,d declarations, JVM max heap %,d MB, %d cores%n",
                declarations,
                Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        var heap = new HeapSampler();
        try (var context = ApplicationContexts.start(dir, false, springArgs)) {
            var risk = context.getBean(RiskService.class);
            heap.peakAndReset();
            long started = System.nanoTime();
            var trained = risk.train();
            printStages(
                    "training (fit " + trained.model().version() + " and rescore with it)",
                    started,
                    trained.assessment(),
                    heap.peakAndReset());
            System.out.println("  declaration score: " + trained.model().facts().get("declarationModel"));
            System.out.println("  company score: " + trained.model().facts().get("companyModel"));

            var loaded = context.getBean(BundleIngester.class)
                    .ingest(secondBundle, data.reports().resolve("second.csv"), IngestListener.NONE);
            heap.peakAndReset();
            var scored = risk.scoreNew().orElseThrow();
            System.out.printf(
                    "incremental scoring after loading %,d more declarations: %,d new declarations scored"
                            + " with %s in %.2f s; peak heap %,d MB%n",
                    loaded.declarationsLoaded(),
                    scored.declarations(),
                    scored.model(),
                    scored.took().toMillis() / 1000.0,
                    heap.peakAndReset() >> 20);

            // As a nightly rescoring runs: same model, a day's declarations more since training.
            started = System.nanoTime();
            var assessment = risk.rescore();
            printStages("full rescoring with " + assessment.model(), started, assessment, heap.peakAndReset());
            System.out.printf(
                    "  %,d declaration scores changed and were stored (the others were found unchanged)%n",
                    rescored(context.getBean(Driver.class)));
        } finally {
            heap.stop();
        }
        return ExitCodes.OK;
    }

    /**
     * What the views wait for on a large store: the first page of each ranking, an entity page's
     * data, and a capped expansion of the node with the most neighbours. Server side, through the
     * same services the views call; each measured 5 times after one cold run.
     */
    private int runViews(Path dir, Path bundles) throws Exception {
        var first = generate(seed, declarations, bundles.resolve("first"));
        var data = new DataDirectory(dir);
        BundleIngester.importIntoNewStore(
                first,
                data.neo4jHome(),
                new FileStore(data.files()),
                data.reports().resolve("first.csv"),
                IngestListener.NONE);
        // A web server too, on a free port, with an admin of its own: the browser's figures need the views.
        String password = java.util.UUID.randomUUID().toString();
        var args = new ArrayList<String>(springArgs);
        args.addAll(List.of(
                "--server.port=0",
                "--risk.security.admin-username=bench",
                "--risk.security.admin-password=" + password));
        try (var context = ApplicationContexts.start(dir, true, args)) {
            var risk = context.getBean(RiskService.class);
            long started = System.nanoTime();
            risk.train();
            System.out.printf(
                    "bench ui: %,d declarations loaded and scored (training %.0f s, not counted)%n",
                    declarations, (System.nanoTime() - started) / 1e9);
            var entities = context.getBean(EntityService.class);
            var network = context.getBean(NetworkService.class);
            var none = customs.risk.engine.ranking.RankingFilter.NONE;
            var entitiesKind = customs.risk.engine.ranking.RiskStore.Kind.ENTITIES;
            var declarationsKind = customs.risk.engine.ranking.RiskStore.Kind.DECLARATIONS;
            time("ranking: first 50 entities", () -> risk.page(entitiesKind, none, 0, 50));
            time("ranking: first 50 declarations", () -> risk.page(declarationsKind, none, 0, 50));
            time(
                    "ranking: 50 red declarations of HS 85",
                    () -> risk.page(
                            declarationsKind,
                            new customs.risk.engine.ranking.RankingFilter(
                                    customs.risk.engine.ranking.Lane.RED, "85", null, null, null, null),
                            0,
                            50));
            time("ranking: rows 100,000-100,049", () -> risk.page(declarationsKind, none, 100_000, 50));
            time("ranking: score chart, declarations", () -> risk.histogram(declarationsKind));
            time("ranking: expected hits at 5,000", () -> risk.expectedHits(5_000));
            String top = risk.top(entitiesKind, 1).getFirst().id();
            var company = new NodeRef(NodeLabel.COMPANY, top);
            // An investigator, not an admin: the case visibility checks are part of what they wait for.
            var viewer = new customs.risk.graph.access.Actor("investigator", false);
            time("entity page: profile, 50 declarations, links, inspections", () -> {
                entities.profile(viewer, company);
                entities.declarations(top, 0, 50);
                entities.links(company);
                return entities.inspections(company, 100);
            });
            String busiest;
            try (var session = context.getBean(Driver.class).session()) {
                busiest = session.run("MATCH (o:Office) RETURN o.code AS code ORDER BY COUNT { (o)<-[:LODGED_AT]-() }"
                                + " DESC LIMIT 1")
                        .single()
                        .get("code")
                        .asString();
            }
            var office = new NodeRef(NodeLabel.OFFICE, busiest);
            long neighbours = network.degrees(viewer, office).stream()
                    .mapToLong(NetworkService.Degree::count)
                    .sum();
            time(String.format("network: office %s (%,d neighbours): counts + first 50", busiest, neighbours), () -> {
                network.degrees(viewer, office);
                return network.expand(viewer, office, "LODGED_AT", false, 0, NetworkService.PAGE_DEFAULT);
            });
            time(
                    "network: same office, neighbours 5,000-5,049",
                    () -> network.expand(viewer, office, "LODGED_AT", false, 5_000, NetworkService.PAGE_DEFAULT));
            String evidenceView = investigation(context, viewer);
            String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
            var browser = NetworkPaint.signIn(base, "bench", password);
            if (browser.isEmpty()) {
                System.out.println("  browser: no figure (needs /usr/bin/chromium and /usr/bin/chromedriver)");
            } else {
                try (var paint = browser.get()) {
                    paint(paint, evidenceView);
                }
            }
        }
        return ExitCodes.OK;
    }

    /**
     * The investigator's views of the busiest company (most declarations as seller or buyer): its trade partners, its
     * timeline, and the evidence behind its loop and cluster reasons, or when it has none, the largest
     * finding. Returns the path of that evidence's network view.
     */
    private static String investigation(
            org.springframework.context.ConfigurableApplicationContext context, customs.risk.graph.access.Actor viewer)
            throws Exception {
        var graph = new Graph(context.getBean(Driver.class));
        var busiestRow = graph.query(
                        "MATCH (c:Company) WITH c, COUNT { (c)<-[:SOLD_BY|BOUGHT_BY]-() } AS n"
                                + " RETURN c.id AS id, n ORDER BY n DESC LIMIT 1",
                        java.util.Map.of())
                .getFirst();
        var busiest = new NodeRef(NodeLabel.COMPANY, busiestRow.get("id").asString());
        var network = context.getBean(NetworkService.class);
        var entities = context.getBean(EntityService.class);
        var evidence = context.getBean(EvidenceService.class);
        long partners = network.entityDegrees(viewer, busiest).partners();
        time(
                String.format(
                        "network: busiest company %s (%,d declarations, %,d partners): first 50 partners",
                        busiest.key(), busiestRow.get("n").asLong(), partners),
                () -> {
                    network.entityDegrees(viewer, busiest);
                    return network.partners(viewer, busiest, 0, NetworkService.PAGE_DEFAULT);
                });
        time(
                "timeline: busiest company, every kind, 200 entries each",
                () -> entities.timeline(
                        viewer, busiest, java.util.EnumSet.allOf(EntityService.TimelineKind.class), 200));
        var findings = evidence.findings(busiest);
        if (!findings.isEmpty()) {
            time(
                    String.format("evidence: busiest company's %d findings, every subgraph", findings.size()),
                    () -> evidence.findings(busiest).stream()
                            .map(f -> evidence.evidence(viewer, f.id()))
                            .toList());
            return "/network?evidence=" + busiest;
        }
        System.out.println("  (the busiest company is in no loop or cluster; timing the largest finding instead)");
        String largest = graph
                .query(
                        "MATCH (f:Finding) RETURN f.id AS id ORDER BY size(coalesce(f.declarationIds, []))"
                                + " + size(f.companies) DESC LIMIT 1",
                        java.util.Map.of())
                .stream()
                .map(r -> r.get("id").asString())
                .findFirst()
                .orElse(null);
        if (largest == null) {
            System.out.println("  evidence: no loop or cluster found at all");
            return "/network?focus=" + busiest;
        }
        var drawn = evidence.evidence(viewer, largest).orElseThrow();
        time(
                String.format(
                        "evidence: largest finding %s (%d nodes, %d edges)",
                        largest, drawn.nodes().size(), drawn.edges().size()),
                () -> evidence.evidence(viewer, largest));
        return "/network?evidence=" + largest;
    }

    /** Browser time to the first paint of a network view: once cold, then five times. */
    private static void paint(NetworkPaint browser, String path) throws Exception {
        var cold = browser.open(path);
        double[] warm = new double[5];
        double[] draw = new double[5];
        for (int i = 0; i < warm.length; i++) {
            var paint = browser.open(path);
            warm[i] = paint.toPaintMillis();
            draw[i] = paint.drawMillis();
        }
        java.util.Arrays.sort(warm);
        java.util.Arrays.sort(draw);
        System.out.printf(
                "  %-62s cold %7.1f ms, warm median %7.1f ms, max %7.1f ms%n",
                String.format("browser: %s (%d nodes), navigation to first paint", path, cold.nodes()),
                cold.toPaintMillis(),
                warm[2],
                warm[4]);
        System.out.printf(
                "  %-62s cold %7.1f ms, warm median %7.1f ms, max %7.1f ms%n",
                "browser: same, adding + layout + fit to next frame", cold.drawMillis(), draw[2], draw[4]);
    }

    private static void time(String what, java.util.concurrent.Callable<?> call) throws Exception {
        long cold = System.nanoTime();
        call.call();
        double coldMillis = (System.nanoTime() - cold) / 1e6;
        double[] warm = new double[5];
        for (int i = 0; i < warm.length; i++) {
            long t = System.nanoTime();
            call.call();
            warm[i] = (System.nanoTime() - t) / 1e6;
        }
        java.util.Arrays.sort(warm);
        System.out.printf(
                "  %-62s cold %7.1f ms, warm median %7.1f ms, max %7.1f ms%n", what, coldMillis, warm[2], warm[4]);
    }

    /** Indexing speed and query latency of the in-process Elasticsearch node beside plain Lucene. */
    private int runDocuments(Path dir) throws Exception {
        try (var context = ApplicationContexts.start(dir, false, springArgs)) {
            var client = context.getBean(SearchEngine.class).client();
            DocumentBenchmark.run(DocumentBenchmark.Settings.of(count), dir.resolve("bench"), client, System.out);
            return ExitCodes.OK;
        }
    }

    /**
     * Entity resolution over a large company universe: the full run stage by stage with its peak
     * heap and its pairwise figures against the planted truth, then an incremental run for 1% more.
     */
    private int runResolve(Path dir, Path bundles) throws Exception {
        int companies = this.companies == null ? 1_000_000 : this.companies;
        var first = companiesOnly(seed, companies, bundles.resolve("first"));
        int more = Math.max(200, companies / 100);
        var second = companiesOnly(seed + 1, more, bundles.resolve("second"));
        var data = new DataDirectory(dir);
        long started = System.nanoTime();
        BundleIngester.importIntoNewStore(
                first.resolve(BundleGenerator.BUNDLE_DIR),
                data.neo4jHome(),
                new FileStore(data.files()),
                data.reports().resolve("first.csv"),
                IngestListener.NONE);
        System.out.printf(
                "bench resolve: %,d company records loaded in %.1f s (not counted); JVM max heap %,d MB, %d cores%n",
                companies,
                (System.nanoTime() - started) / 1e9,
                Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        var heap = new HeapSampler();
        try (var context = ApplicationContexts.start(dir, false, springArgs)) {
            var resolution = context.getBean(ResolutionService.class);
            resolution.model();
            heap.peakAndReset();
            var full = resolution.resolveAll();
            printResolution("full resolution", full, heap.peakAndReset());
            try (var truth = Files.newBufferedReader(first.resolve(BundleGenerator.ENTITY_TRUTH_FILE))) {
                ResolutionEvaluation.print(
                        ResolutionEvaluation.evaluate(resolution.parties(), truth),
                        MatchModel.PRECISION_TARGET,
                        0.90,
                        System.out);
            }
            context.getBean(BundleIngester.class)
                    .ingest(
                            second.resolve(BundleGenerator.BUNDLE_DIR),
                            data.reports().resolve("second.csv"),
                            IngestListener.NONE);
            heap.peakAndReset();
            var incremental = resolution.resolveChanged();
            printResolution(
                    String.format("incremental resolution after loading %,d more records", more),
                    incremental,
                    heap.peakAndReset());
        } finally {
            heap.stop();
        }
        return ExitCodes.OK;
    }

    private static void printResolution(String what, ResolutionService.Summary s, long peakHeap) {
        System.out.printf(
                "%s: %.1f s for %,d records; %,d candidate pairs, %,d merged, %,d to review; %,d parties of %,d"
                        + " records, %,d chained%n",
                what,
                s.took().toMillis() / 1000.0,
                s.records(),
                s.candidates(),
                s.merged(),
                s.toReview(),
                s.parties(),
                s.inParties(),
                s.chains());
        s.stages().forEach((stage, took) -> System.out.printf("  %-32s %6.1f s%n", stage, took.toMillis() / 1000.0));
        System.out.printf("  peak heap %,d MB%n", peakHeap >> 20);
    }

    /** Companies per generated part of a large universe: the generator's own set-up grows faster than its size. */
    private static final int UNIVERSE_PART = 100_000;

    /**
     * A universe of about {@code n} company records (more by the planted duplicates and look-alikes)
     * with its entity truth, as one bundle of companies only (resolution reads nothing else). Above
     * {@value #UNIVERSE_PART} companies it is made of independently generated parts of that size
     * (seeds {@code seed}, {@code seed + 1000}, ...), ids that two parts drew alike kept once.
     */
    private static Path companiesOnly(long seed, int n, Path out) throws java.io.IOException {
        long started = System.nanoTime();
        Path bundle = out.resolve(BundleGenerator.BUNDLE_DIR);
        Files.createDirectories(bundle);
        var format = org.apache.commons.csv.CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        var ids = new java.util.HashSet<String>();
        int records = 0;
        try (var companies = new org.apache.commons.csv.CSVPrinter(
                        Files.newBufferedWriter(bundle.resolve("companies.csv")),
                        org.apache.commons.csv.CSVFormat.RFC4180);
                var truth = new org.apache.commons.csv.CSVPrinter(
                        Files.newBufferedWriter(out.resolve(BundleGenerator.ENTITY_TRUTH_FILE)),
                        org.apache.commons.csv.CSVFormat.RFC4180)) {
            truth.printRecord("company_id", "entity", "variant", "like");
            int generated = 0;
            for (int k = 0; generated < n; k++) {
                int size = Math.max(GeneratorSettings.COMPANIES_MIN, Math.min(UNIVERSE_PART, n - generated));
                generated += size;
                Path part = out.resolve("part-" + k);
                BundleGenerator.generate(
                        new GeneratorSettings(
                                seed + 1000L * k, Math.max(GeneratorSettings.DECLARATIONS_MIN, size), size, 0, 0),
                        part);
                Path partBundle = part.resolve(BundleGenerator.BUNDLE_DIR);
                if (k == 0) {
                    for (String file : List.of("offices.csv", "exchange_rates.csv")) {
                        Files.copy(partBundle.resolve(file), bundle.resolve(file));
                    }
                }
                var kept = new java.util.HashSet<String>();
                try (var reader = Files.newBufferedReader(partBundle.resolve("companies.csv"));
                        var parser = format.parse(reader)) {
                    if (k == 0) {
                        companies.printRecord(parser.getHeaderNames());
                    }
                    for (var row : parser) {
                        if (ids.add(row.get("company_id"))) {
                            kept.add(row.get("company_id"));
                            companies.printRecord(row.values());
                            records++;
                        }
                    }
                }
                try (var reader = Files.newBufferedReader(part.resolve(BundleGenerator.ENTITY_TRUTH_FILE));
                        var parser = format.parse(reader)) {
                    for (var row : parser) {
                        if (kept.contains(row.get("company_id"))) {
                            truth.printRecord(
                                    row.get("company_id"),
                                    k + ":" + row.get("entity"),
                                    row.get("variant"),
                                    row.get("like"));
                        }
                    }
                }
                Folders.deleteRecursively(part);
            }
        }
        // A bundle needs its declarations file; this one has none.
        Files.writeString(
                bundle.resolve("declarations.csv"),
                "declaration_id,filed_on,direction,office_code,seller_id,buyer_id,hs_code,origin_country,quantity,"
                        + "declared_value\n");
        System.out.printf(
                "generated %,d company records in %.1f s (not counted)%n",
                records, (System.nanoTime() - started) / 1e9);
        return out;
    }

    private static void printStages(String what, long started, RiskAssessment assessment, long peakHeap) {
        System.out.printf(
                "%s: %.1f s for %,d declarations and %,d companies%n",
                what,
                (System.nanoTime() - started) / 1e9,
                assessment.declarationCount(),
                assessment.entities().size());
        assessment
                .stages()
                .forEach((stage, took) -> System.out.printf("  %-32s %6.1f s%n", stage, took.toMillis() / 1000.0));
        System.out.printf("  peak heap %,d MB%n", peakHeap >> 20);
    }

    static Path generate(long seed, int n, Path out) {
        return generate(GeneratorSettings.defaults(seed, n), out);
    }

    static Path generate(GeneratorSettings settings, Path out) {
        long started = System.nanoTime();
        var summary = BundleGenerator.generate(settings, out);
        System.out.printf(
                "generated %,d declarations in %.1f s (not counted)%n",
                summary.declarations(), (System.nanoTime() - started) / 1e9);
        return summary.bundleDir();
    }

    private static void print(String phase, IngestResult result, double seconds, long entities, long peakHeap) {
        long declarations = result.declarationsLoaded();
        System.out.printf(
                "%-38s %,9d declarations in %6.1f s = %,7.0f declarations/s; %,10d nodes+relationships"
                        + " = %,8.0f/s; %,d rows rejected; peak heap %,d MB%n",
                phase + ":",
                declarations,
                seconds,
                declarations / seconds,
                entities,
                entities / seconds,
                result.rejected(),
                peakHeap >> 20);
    }

    /** Declarations whose score the last full scoring stored (it stores the companies' always). */
    private static long rescored(Driver driver) {
        return count(
                driver,
                "MATCH (c:Company) WITH max(c.riskScoredAt) AS at"
                        + " MATCH (d:Declaration) WHERE d.riskScoredAt = at RETURN count(d)");
    }

    private static long nodesAndRelationships(Driver driver) {
        return count(
                driver,
                "CALL { MATCH (n) RETURN count(n) AS n } CALL { MATCH ()-[r]->() RETURN count(r) AS r }"
                        + " RETURN n + r");
    }

    /** The one number a counting query returns. */
    private static long count(Driver driver, String cypher) {
        return new Graph(driver)
                .query(cypher, java.util.Map.of())
                .getFirst()
                .get(0)
                .asLong();
    }

    /**
     * When each file of a load was done: a file's last progress report comes once its rows are
     * written, before the next file starts.
     */
    static final class FileClock implements IngestListener {
        private final Map<String, Long> doneAt = new LinkedHashMap<>();

        @Override
        public void onProgress(IngestProgress progress) {
            doneAt.put(progress.file(), System.nanoTime());
        }

        /** When the last file was done (System.nanoTime). */
        long lastDone() {
            return doneAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        }

        /** Seconds per file, {@code started} being when the load began. */
        String summary(long started) {
            var parts = new ArrayList<String>();
            long previous = started;
            for (var entry : doneAt.entrySet()) {
                parts.add(String.format("%s %.1f s", entry.getKey(), (entry.getValue() - previous) / 1e9));
                previous = entry.getValue();
            }
            return String.join(", ", parts);
        }
    }

    /** Samples used heap in the background; the highest sample since the last reset. */
    static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;

        HeapSampler() {
            var memory = ManagementFactory.getMemoryMXBean();
            thread = new Thread(
                    () -> {
                        while (!Thread.currentThread().isInterrupted()) {
                            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                            try {
                                Thread.sleep(50);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long peakAndReset() {
            return peak.getAndSet(0);
        }

        void stop() {
            thread.interrupt();
        }
    }
}
