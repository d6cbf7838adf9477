package customs.risk.engine.projection;

import customs.risk.engine.network.ShellClusterDetector.SharedIdentifier;
import customs.risk.engine.network.ShellClusterDetector.Tie;
import customs.risk.engine.trade.CompanyFacts;
import customs.risk.engine.trade.Shipment;
import customs.risk.engine.trade.ShipmentTable;
import customs.risk.engine.trade.TradeData;
import customs.risk.graph.store.CypherFiles;
import customs.risk.graph.store.Graph;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntToLongFunction;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Value;

/**
 * Loads the projection the detectors work on from the graph (its declarations in a
 * {@link ShipmentTable}, outside the heap; the rest in memory): one streaming read per kind
 * (declarations with their seller and buyer, companies, shared identifiers, officers; the queries
 * are the files under {@code cypher/projection/}). Analytics run
 * on this projection, not in Cypher: docs/STACK.md measured bounded cycle search in memory about 50 times
 * faster than variable-length Cypher paths.
 */
public final class GraphProjection {

    private static final String SHIPMENTS = CypherFiles.read("projection/shipments.cypher");
    private static final String UNSCORED_SHIPMENTS = CypherFiles.read("projection/unscored-shipments.cypher");
    private static final String DECLARATION_IDS = CypherFiles.read("projection/declaration-ids.cypher");
    private static final String PARTIES = CypherFiles.read("projection/parties.cypher");
    private static final String INSPECTIONS = CypherFiles.read("projection/inspections.cypher");
    private static final String COMPANIES = CypherFiles.read("projection/companies.cypher");
    private static final String IDENTIFIERS = CypherFiles.read("projection/shared-identifiers.cypher");
    private static final String OFFICERS = CypherFiles.read("projection/shared-officers.cypher");
    /** Property keys of the columns bundles carried beyond the contract ({@code x_*}). */
    private static final String EXTRA_KEYS = CypherFiles.read("projection/extra-keys.cypher");

    /** Ranges of declarations read side by side: each keeps the store busy while another is turned into shipments. */
    private static final int READERS = 2;
    /** Fewer declarations than this are read in one go. */
    private static final long MIN_RANGE = 50_000;

    private GraphProjection() {}

    /** The extra column keys, read once per load: each declaration is then asked for these only. */
    private static List<String> extraKeys(Graph graph) {
        return graph.query(EXTRA_KEYS, Map.of(), r -> r.get("propertyKey").asString());
    }

    /** The declarations that have no score yet (newly filed), as shipments. */
    public static List<Shipment> loadUnscored(Driver driver) {
        var shipments = new ArrayList<Shipment>();
        var graph = new Graph(driver);
        var reader = new ShipmentReader(extraKeys(graph), parties(graph));
        graph.stream(UNSCORED_SHIPMENTS, Map.of("extraKeys", reader.extraKeys), r -> shipments.add(reader.shipment(r)));
        return shipments;
    }

    /** Company id to party id, for the companies entity resolution put in a party. */
    private static Map<String, String> parties(Graph graph) {
        var parties = new HashMap<String, String>();
        graph.stream(
                PARTIES,
                Map.of(),
                r -> parties.put(r.get("id").asString(), r.get("party").asString()));
        return parties;
    }

    /**
     * Every declaration, read in ranges of node ids side by side (one per core: the store works on one
     * range while this process turns the rows of another into shipments), in node id order, each
     * tagged with the digest of the score it holds.
     */
    private static ShipmentTable allShipments(Driver driver, Graph graph, ShipmentReader reader) {
        var values = ShipmentTable.values();
        var span = graph.query(DECLARATION_IDS, Map.of()).getFirst();
        if (span.get("low").isNull()) {
            return ShipmentTable.of(values, List.of());
        }
        long low = span.get("low").asLong();
        long high = span.get("high").asLong() + 1;
        int parts = (int) Math.min(READERS, Math.max(1, (high - low) / MIN_RANGE));
        long step = (high - low + parts - 1) / parts;
        var pool = Executors.newFixedThreadPool(parts);
        var builders = new ArrayList<ShipmentTable.Builder>();
        try {
            var ranges = new ArrayList<Future<?>>();
            for (long from = low; from < high; from += step) {
                var params = Map.<String, Object>of(
                        "from", from, "to", Math.min(high, from + step), "extraKeys", reader.extraKeys);
                var builder = ShipmentTable.builder(values);
                builders.add(builder);
                ranges.add(pool.submit(() ->
                        new Graph(driver).stream(SHIPMENTS, params, r -> builder.add(reader.shipment(r), digest(r)))));
            }
            for (var range : ranges) {
                range.get();
            }
            return ShipmentTable.of(values, builders);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ShipmentTable.discard(builders);
            throw new IllegalStateException("reading the declarations was interrupted", e);
        } catch (ExecutionException e) {
            ShipmentTable.discard(builders);
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static long digest(org.neo4j.driver.Record r) {
        var digest = r.get("digest");
        return digest.isNull() ? NO_DIGEST : digest.asLong();
    }

    /** Turns rows of the shipment queries into shipments, sharing repeated values; safe across threads. */
    private static final class ShipmentReader {
        final List<String> extraKeys;
        private final Map<String, String> parties;
        private final Words words = new Words();

        ShipmentReader(List<String> extraKeys, Map<String, String> parties) {
            this.extraKeys = extraKeys;
            this.parties = parties;
        }

        Shipment shipment(org.neo4j.driver.Record r) {
            return GraphProjection.shipment(r, extraKeys, parties, words);
        }
    }

    private static String party(Map<String, String> parties, Value company) {
        String id = company.asString(null);
        return id == null ? null : parties.getOrDefault(id, id);
    }

    private static Shipment shipment(
            org.neo4j.driver.Record r, List<String> extraKeys, Map<String, String> parties, Words words) {
        var attributes = new TreeMap<String, String>();
        putAttribute(attributes, words, "direction", r.get("direction"));
        putAttribute(attributes, words, "departure_country", r.get("departure"));
        putAttribute(attributes, words, "transport_mode", r.get("transport"));
        var extras = r.get("extras");
        for (int k = 0; k < extraKeys.size(); k++) {
            putAttribute(attributes, words, extraKeys.get(k).substring(2), extras.get(k));
        }
        return new Shipment(
                r.get("id").asString(),
                words.of(r.get("filedOn").asLocalDate()),
                words.of(party(parties, r.get("seller"))),
                words.of(party(parties, r.get("buyer"))),
                words.of(r.get("hs").asString()),
                words.of(r.get("origin").asString()),
                r.get("quantity").asDouble(),
                words.of(r.get("unit").asString("KG")),
                r.get("usd").asDouble(Double.NaN),
                words.of(party(parties, r.get("declarant"))),
                words.of(r.get("office").asString(null)),
                number(r.get("netMass")),
                number(r.get("duty")),
                words.of(attributes));
    }

    private static void putAttribute(Map<String, String> attributes, Words words, String name, Value value) {
        if (!value.isNull() && !value.asString().isBlank()) {
            attributes.put(name, words.of(value.asString()));
        }
    }

    private static double number(Value value) {
        return value.isNull() ? Double.NaN : value.asDouble();
    }

    /**
     * One copy of each repeated value (ids, codes, countries, dates, sets of other columns): a million
     * declarations name a few thousand companies, codes and days, and holding each once keeps the
     * projection's memory to the parties.
     */
    private static final class Words {
        private static final int MAX_SHARED_COLUMN_SETS = 100_000;
        private final Map<String, String> texts = new ConcurrentHashMap<>();
        private final Map<LocalDate, LocalDate> dates = new ConcurrentHashMap<>();
        private final Map<Map<String, String>, Map<String, String>> attributes = new ConcurrentHashMap<>();

        String of(String text) {
            if (text == null) {
                return null;
            }
            String shared = texts.get(text);
            return shared != null ? shared : texts.computeIfAbsent(text, t -> t);
        }

        LocalDate of(LocalDate date) {
            return dates.computeIfAbsent(date, d -> d);
        }

        /** Sets of columns repeat in most data; where they hardly do (a column unique per row), past a bound each row keeps its own. */
        Map<String, String> of(Map<String, String> columns) {
            if (columns.isEmpty()) {
                return Map.of();
            }
            var copy = Map.copyOf(columns);
            return attributes.size() < MAX_SHARED_COLUMN_SETS
                    ? attributes.computeIfAbsent(copy, c -> c)
                    : attributes.getOrDefault(copy, copy);
        }
    }

    /** A declaration that holds no score (or was filed again since it got one). */
    public static final long NO_DIGEST = 0;

    /**
     * The projection, and by row of its shipments the digest of the score each declaration holds
     * ({@link #NO_DIGEST} when none): what a full scoring compares its scores with to store only
     * those that changed.
     */
    public record Loaded(TradeData data, IntToLongFunction storedDigests) {}

    public static TradeData load(Driver driver) {
        return loadWithStoredDigests(driver).data();
    }

    public static Loaded loadWithStoredDigests(Driver driver) {
        var firstDeclared = new HashMap<String, LocalDate>();
        var traded = new HashMap<String, Double>();
        var graph = new Graph(driver);
        var shipments = allShipments(driver, graph, new ShipmentReader(extraKeys(graph), parties(graph)));
        for (Shipment s : shipments) {
            for (String company : List.of(s.sellerId(), s.buyerId())) {
                firstDeclared.merge(company, s.filedOn(), (a, b) -> a.isBefore(b) ? a : b);
                if (!Double.isNaN(s.valueUsd())) {
                    traded.merge(company, s.valueUsd(), Double::sum);
                }
            }
        }
        // The records of one party arrive under one id: it was registered when the first was, is
        // dissolved only when all are, and employs what its largest record says.
        var companies = new LinkedHashMap<String, CompanyFacts>();
        graph.stream(COMPANIES, Map.of(), r -> {
            String id = r.get("id").asString();
            var facts = new CompanyFacts(
                    id,
                    date(r.get("registeredOn")),
                    date(r.get("dissolvedOn")),
                    r.get("employees").isNull() ? null : r.get("employees").asInt(),
                    firstDeclared.get(id),
                    traded.getOrDefault(id, 0.0));
            companies.merge(id, facts, GraphProjection::sameParty);
        });
        var identifiers = new ArrayList<SharedIdentifier>();
        for (String query : List.of(IDENTIFIERS, OFFICERS)) {
            graph.stream(
                    query,
                    Map.of(),
                    r -> identifiers.add(new SharedIdentifier(
                            tie(r.get("kind").asString()),
                            r.get("key").asString(),
                            new LinkedHashSet<>(r.get("companies").asList(Value::asString)),
                            r.get("caption").asString(r.get("key").asString()))));
        }
        var violations = new HashMap<String, Boolean>();
        graph.stream(
                INSPECTIONS,
                Map.of(),
                r -> violations.put(r.get("id").asString(), r.get("violation").asInt() == 1));
        return new Loaded(
                new TradeData(shipments, List.copyOf(companies.values()), identifiers, violations), shipments::tag);
    }

    private static CompanyFacts sameParty(CompanyFacts a, CompanyFacts b) {
        LocalDate registered = a.registeredOn() == null
                ? b.registeredOn()
                : b.registeredOn() == null || a.registeredOn().isBefore(b.registeredOn())
                        ? a.registeredOn()
                        : b.registeredOn();
        LocalDate dissolved = a.dissolvedOn() == null || b.dissolvedOn() == null
                ? null
                : a.dissolvedOn().isAfter(b.dissolvedOn()) ? a.dissolvedOn() : b.dissolvedOn();
        Integer employees = a.employees();
        if (employees == null || b.employees() != null && b.employees() > employees) {
            employees = b.employees();
        }
        return new CompanyFacts(a.id(), registered, dissolved, employees, a.firstDeclared(), a.tradedUsd());
    }

    private static LocalDate date(Value value) {
        return value.isNull() ? null : value.asLocalDate();
    }

    private static final Map<String, Tie> TIES =
            Map.of("HAS_ADDRESS", Tie.ADDRESS, "HAS_PHONE", Tie.PHONE, "HAS_EMAIL", Tie.EMAIL, "OFFICER", Tie.OFFICER);

    private static Tie tie(String kind) {
        return TIES.get(kind);
    }
}
