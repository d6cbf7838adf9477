package customs.risk.bench;

import customs.risk.app.cli.ApplicationContexts;
import customs.risk.app.cli.ExitCodes;
import customs.risk.cases.alerts.AlertService;
import customs.risk.cases.alerts.Watch;
import customs.risk.cases.team.UserAccounts;
import customs.risk.engine.RiskService;
import customs.risk.engine.ranking.Lane;
import customs.risk.engine.ranking.RankingFilter;
import customs.risk.graph.DataDirectory;
import customs.risk.graph.access.Actor;
import customs.risk.graph.access.Role;
import customs.risk.graph.files.FileStore;
import customs.risk.graph.store.Graph;
import customs.risk.ingest.BundleIngester;
import customs.risk.ingest.DataLoaded;
import customs.risk.ingest.IngestListener;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.neo4j.driver.Driver;

/**
 * What alerts add to a load and to a full scoring: a generated trade whose latest declarations
 * come as {@code loads} bundles of {@code latest} each after {@code watches} watches were set by
 * 100 users, each loaded as an officer's upload is (the bundle, then resolution, scoring, indexing
 * and the alert sweep, each timed).
 */
final class AlertsBenchmark {

    private static final int USERS = 100;

    private final long seed;
    private final int declarations;
    private final int latest;
    private final int loads;
    private final int watches;
    private final List<String> springArgs;

    AlertsBenchmark(long seed, int declarations, int latest, int loads, int watches, List<String> springArgs) {
        this.seed = seed;
        this.declarations = declarations;
        this.latest = latest;
        this.loads = loads;
        this.watches = watches;
        this.springArgs = springArgs;
    }

    int run(Path dir, Path bundles) throws Exception {
        if (loads < 1 || latest < 1) {
            System.err.println("error: --loads and --second must be at least 1");
            return ExitCodes.USAGE;
        }
        Path generated = BenchCommand.generate(seed, declarations + latest * loads, bundles.resolve("all"));
        // The latest first: each split takes the latest of what is left.
        var later = new ArrayList<Path>();
        for (int k = loads; k >= 1; k--) {
            later.addFirst(bundles.resolve("later-" + k));
            split(generated, latest, later.getFirst());
        }
        var data = new DataDirectory(dir);
        BundleIngester.importIntoNewStore(
                generated,
                data.neo4jHome(),
                new FileStore(data.files()),
                data.reports().resolve("first.csv"),
                IngestListener.NONE);
        System.out.printf(
                "bench alerts: %,d declarations, then %d loads of %,d more; %,d watches of %d users; JVM max heap %,d MB, %d cores%n",
                declarations,
                loads,
                latest,
                watches,
                USERS,
                Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        var heap = new BenchCommand.HeapSampler();
        var args = new ArrayList<>(springArgs);
        // 100 accounts: a cheap password hash keeps their creation out of the way.
        args.add("--risk.security.bcrypt-strength=4");
        try (var context = ApplicationContexts.start(dir, false, args)) {
            var risk = context.getBean(RiskService.class);
            var alerts = context.getBean(AlertService.class);
            var graph = new Graph(context.getBean(Driver.class));
            long started = System.nanoTime();
            context.getBean(customs.risk.documents.filing.DocumentService.class).indexNew();
            risk.train();
            System.out.printf("indexed the documents and trained a model in %.1f s (not counted)%n", seconds(started));

            started = System.nanoTime();
            var kinds = watch(
                    context.getBean(UserAccounts.class),
                    alerts,
                    context.getBean(customs.risk.documents.filing.DocumentService.class),
                    graph);
            System.out.printf("set %s in %.1f s (not counted)%n", kinds, seconds(started));
            // A server with watches has run its periodic sweep by the time a load comes.
            print("the periodic sweep before the loads (not counted)", alerts.sweep());
            heap.peakAndReset();

            var sweeps = new ArrayList<Double>();
            for (int k = 0; k < later.size(); k++) {
                started = System.nanoTime();
                var loaded = context.getBean(BundleIngester.class)
                        .ingest(later.get(k), data.reports().resolve("later-" + k + ".csv"), IngestListener.NONE);
                double ingest = seconds(started);
                var event = new DataLoaded(DataLoaded.Source.BUNDLE);
                started = System.nanoTime();
                context.publishEvent(event);
                double after = seconds(started);
                System.out.printf(
                        "load %d of %,d declarations as an upload is loaded: bundle %.1f s, then %.1f s for what follows:%n",
                        k + 1, loaded.declarationsLoaded(), ingest, after);
                for (String step : List.of("resolution", "scoring", "indexing", "alerts")) {
                    System.out.printf("  %-10s %s%n", step, event.outcome(step).orElse("-"));
                }
                System.out.printf("  peak heap %,d MB%n", heap.peakAndReset() >> 20);
                var sweep = alerts.lastSweep().orElseThrow();
                print("the sweep of load " + (k + 1), sweep);
                sweeps.add(sweep.took().toMillis() / 1000.0);
            }
            var sorted = sweeps.stream().sorted().toList();
            System.out.printf(
                    "time the alert sweep added to each load: %s s; median %.2f s%n",
                    sweeps.stream().map(t -> String.format("%.2f", t)).toList(), sorted.get(sorted.size() / 2));
            // The same changes found again (the overlap): what a sweep costs when it stores nothing new.
            print("the same sweep again (finds the same, stores nothing new)", alerts.sweep());
            print("a sweep with nothing new", alerts.sweep());

            started = System.nanoTime();
            var rescored = risk.rescore();
            System.out.printf(
                    "full rescoring with %s: %.1f s, the sweep after it included%n",
                    rescored.model(), seconds(started));
            alerts.lastSweep().ifPresent(s -> print("the sweep after the rescoring", s));
            System.out.println("alerts by kind:");
            graph.query(
                            "MATCH (a:Alert) RETURN a.kind AS kind, count(*) AS n, count(DISTINCT a.user) AS users ORDER BY kind",
                            Map.of())
                    .forEach(r -> System.out.printf(
                            "  %-12s %,7d for %d users%n",
                            r.get("kind").asString(),
                            r.get("n").asLong(),
                            r.get("users").asLong()));
            System.out.printf("peak heap %,d MB%n", heap.peakAndReset() >> 20);
        } finally {
            heap.stop();
        }
        return ExitCodes.OK;
    }

    /** 100 users' watches: 90% companies, 5% people, 3% filters, 2% searches (each search run first, as users do), picked at random. */
    private String watch(
            UserAccounts accounts,
            AlertService alerts,
            customs.risk.documents.filing.DocumentService documents,
            Graph graph)
            throws IOException {
        var rng = new Random(seed);
        var users = new ArrayList<Actor>();
        for (int u = 0; u < USERS; u++) {
            String name = "watcher" + u;
            accounts.create(name, "bench-alerts-password", Set.of(Role.INVESTIGATOR), null);
            users.add(new Actor(name, false));
        }
        var companies = new ArrayList<>(graph.query(
                "MATCH (c:Company) WHERE NOT c:Placeholder RETURN c.id AS id ORDER BY id",
                Map.of(),
                r -> r.get("id").asString()));
        var people = new ArrayList<>(graph.query(
                "MATCH (p:Person) RETURN p.id AS id ORDER BY id",
                Map.of(),
                r -> r.get("id").asString()));
        var hs = graph.query(
                "MATCH (h:HsCode {level: 4}) RETURN h.code AS code ORDER BY code",
                Map.of(),
                r -> r.get("code").asString());
        Collections.shuffle(companies, rng);
        Collections.shuffle(people, rng);
        int personWatches = Math.min(people.size(), watches * 5 / 100);
        int filters = watches * 3 / 100;
        int searches = watches * 2 / 100;
        // Users share the companies they watch when there are fewer companies than company watches.
        int companyWatches = Math.min(companies.size() * USERS, watches - personWatches - filters - searches);
        String[] words = {"invoice", "lithium", "valve", "pump", "steel", "cotton", "battery", "origin", "contract"};
        for (int i = 0; i < companyWatches; i++) {
            int user = i % USERS;
            // For one user, each company at most once.
            int company = (i / USERS + user * 37) % companies.size();
            alerts.watch(users.get(user), Watch.Request.entity("Company:" + companies.get(company)));
        }
        for (int i = 0; i < personWatches; i++) {
            alerts.watch(users.get(i % USERS), Watch.Request.entity("Person:" + people.get(i)));
        }
        for (int i = 0; i < filters; i++) {
            var lane = i % 2 == 0 ? Lane.RED : null;
            alerts.watch(
                    users.get(i % USERS),
                    Watch.Request.filter(
                            null, new RankingFilter(lane, hs.get(rng.nextInt(hs.size())), null, null, null, null)));
        }
        for (int i = 0; i < searches; i++) {
            // As on the documents page: the search is run, then watched.
            documents.search(
                    users.get(i % USERS), customs.risk.documents.search.DocumentQuery.of(words[i % words.length]));
            alerts.watch(
                    users.get(i % USERS),
                    Watch.Request.search(null, new Watch.SavedSearch(words[i % words.length], List.of(), null)));
        }
        return String.format(
                "%,d watches (%,d companies, %,d people, %,d filters, %,d searches)",
                companyWatches + personWatches + filters + searches, companyWatches, personWatches, filters, searches);
    }

    /**
     * Moves the latest {@code n} declarations of the bundle (by filing date), with the documents
     * that support them, into a bundle of their own; their inspections are dropped (new
     * declarations are not inspected yet).
     */
    private static void split(Path bundle, int n, Path out) throws IOException {
        Files.createDirectories(out);
        var rows = read(bundle.resolve("declarations.csv"));
        rows.records().sort(java.util.Comparator.comparing(r -> r.get("filed_on")));
        var later = rows.records()
                .subList(Math.max(0, rows.records().size() - n), rows.records().size());
        var ids = new HashSet<String>();
        later.forEach(r -> ids.add(r.get("declaration_id")));
        write(
                bundle.resolve("declarations.csv"),
                rows.header(),
                rows.records().subList(0, rows.records().size() - later.size()));
        write(out.resolve("declarations.csv"), rows.header(), later);
        if (Files.exists(bundle.resolve("inspections.csv"))) {
            var inspections = read(bundle.resolve("inspections.csv"));
            write(
                    bundle.resolve("inspections.csv"),
                    inspections.header(),
                    inspections.records().stream()
                            .filter(r -> !ids.contains(r.get("declaration_id")))
                            .toList());
        }
        if (Files.exists(bundle.resolve("documents.csv"))) {
            var documents = read(bundle.resolve("documents.csv"));
            var kept = new ArrayList<CSVRecord>();
            var moved = new ArrayList<CSVRecord>();
            for (var r : documents.records()) {
                (ids.contains(r.get("declaration_id")) ? moved : kept).add(r);
            }
            write(bundle.resolve("documents.csv"), documents.header(), kept);
            write(out.resolve("documents.csv"), documents.header(), moved);
            for (var r : moved) {
                Path target = out.resolve(r.get("file"));
                Files.createDirectories(target.getParent());
                Files.move(bundle.resolve(r.get("file")), target);
            }
        }
    }

    private record Table(List<String> header, List<CSVRecord> records) {}

    private static Table read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                var parser = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(in)) {
            return new Table(parser.getHeaderNames(), new ArrayList<>(parser.getRecords()));
        }
    }

    private static void write(Path file, List<String> header, List<CSVRecord> records) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                var printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            printer.printRecord(header);
            for (var r : records) {
                printer.printRecord(r.values());
            }
        }
    }

    private static void print(String what, AlertService.Sweep sweep) {
        System.out.printf(
                "%s: %.2f s, %,d alerts stored (%,d declarations, %,d documents read)%n",
                what, sweep.took().toMillis() / 1000.0, sweep.alerts(), sweep.declarations(), sweep.documents());
        sweep.stages()
                .forEach((stage, took) -> System.out.printf("  %-30s %6.2f s%n", stage, took.toMillis() / 1000.0));
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}
