package customs.risk.engine.projection;

import customs.risk.engine.network.ShellClusterDetector.SharedIdentifier;
import customs.risk.engine.network.ShellClusterDetector.Tie;
import customs.risk.engine.trade.CompanyFacts;
import customs.risk.engine.trade.Shipment;
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
import org.neo4j.driver.Driver;
import org.neo4j.driver.Value;

/**
 * Loads the in-memory projection the detectors work on from the graph: one streaming read per kind
 * (declarations with their seller and buyer, companies, shared identifiers, officers; the queries
 * are the files under {@code cypher/projection/}). Analytics run
 * on this projection, not in Cypher: docs/STACK.md measured bounded cycle search in memory about 50 times
 * faster than variable-length Cypher paths.
 */
public final class GraphProjection {

    private static final String SHIPMENTS = CypherFiles.read("projection/shipments.cypher");
    private static final String UNSCORED_SHIPMENTS = CypherFiles.read("projection/unscored-shipments.cypher");
    private static final String INSPECTIONS = CypherFiles.read("projection/inspections.cypher");
    private static final String COMPANIES = CypherFiles.read("projection/companies.cypher");
    private static final String IDENTIFIERS = CypherFiles.read("projection/shared-identifiers.cypher");
    private static final String OFFICERS = CypherFiles.read("projection/shared-officers.cypher");
    /** Property keys of the columns bundles carried beyond the contract ({@code x_*}). */
    private static final String EXTRA_KEYS = CypherFiles.read("projection/extra-keys.cypher");

    private GraphProjection() {}

    /** The extra column keys, read once per load: each declaration is then asked for these only. */
    private static List<String> extraKeys(Graph graph) {
        return graph.query(EXTRA_KEYS, Map.of(), r -> r.get("propertyKey").asString());
    }

    /** The declarations that have no score yet (newly filed), as shipments. */
    public static List<Shipment> loadUnscored(Driver driver) {
        var shipments = new ArrayList<Shipment>();
        var words = new Words();
        var graph = new Graph(driver);
        var keys = extraKeys(graph);
        graph.stream(UNSCORED_SHIPMENTS, Map.of("extraKeys", keys), r -> shipments.add(shipment(r, keys, words)));
        return shipments;
    }

    private static Shipment shipment(org.neo4j.driver.Record r, List<String> extraKeys, Words words) {
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
                words.of(r.get("seller").asString()),
                words.of(r.get("buyer").asString()),
                words.of(r.get("hs").asString()),
                words.of(r.get("origin").asString()),
                r.get("quantity").asDouble(),
                words.of(r.get("unit").asString("KG")),
                r.get("usd").asDouble(Double.NaN),
                words.of(r.get("declarant").asString(null)),
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
        private final Map<String, String> texts = new HashMap<>();
        private final Map<LocalDate, LocalDate> dates = new HashMap<>();
        private final Map<Map<String, String>, Map<String, String>> attributes = new HashMap<>();

        String of(String text) {
            return text == null ? null : texts.computeIfAbsent(text, t -> t);
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

    public static TradeData load(Driver driver) {
        var shipments = new ArrayList<Shipment>();
        var firstDeclared = new HashMap<String, LocalDate>();
        var traded = new HashMap<String, Double>();
        var words = new Words();
        var graph = new Graph(driver);
        var keys = extraKeys(graph);
        graph.stream(SHIPMENTS, Map.of("extraKeys", keys), r -> {
            var s = shipment(r, keys, words);
            shipments.add(s);
            for (String company : List.of(s.sellerId(), s.buyerId())) {
                firstDeclared.merge(company, s.filedOn(), (a, b) -> a.isBefore(b) ? a : b);
                if (!Double.isNaN(s.valueUsd())) {
                    traded.merge(company, s.valueUsd(), Double::sum);
                }
            }
        });
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
        return new TradeData(shipments, List.copyOf(companies.values()), identifiers, violations);
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
