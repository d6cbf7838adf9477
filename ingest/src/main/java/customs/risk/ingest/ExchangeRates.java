package customs.risk.ingest;

import customs.risk.graph.store.Graph;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.neo4j.driver.Driver;

/**
 * Rates to the base currency (USD) by currency and date, as stored in the graph by this and earlier
 * bundles. A rate holds from its {@code validOn} until the next one.
 */
final class ExchangeRates {

    static final String BASE_CURRENCY = "USD";

    private final Map<String, TreeMap<LocalDate, Double>> rates;

    ExchangeRates(Map<String, TreeMap<LocalDate, Double>> rates) {
        this.rates = rates;
    }

    static ExchangeRates load(Driver driver) {
        var table = new ExchangeRates(new HashMap<>());
        new Graph(driver)
                .query(
                        "MATCH (r:ExchangeRate) RETURN r.currency AS currency, r.validOn AS validOn,"
                                + " r.rateToBase AS rate",
                        Map.of())
                .forEach(r -> table.rates
                        .computeIfAbsent(r.get("currency").asString(), c -> new TreeMap<>())
                        .put(r.get("validOn").asLocalDate(), r.get("rate").asDouble()));
        return table;
    }

    /** The value in base currency, or null when no rate for that currency holds on that date. */
    Double toBase(double value, String currency, LocalDate on) {
        if (currency == null || currency.equals(BASE_CURRENCY)) {
            return value;
        }
        var byDate = rates.get(currency);
        var rate = byDate == null ? null : byDate.floorEntry(on);
        return rate == null ? null : value * rate.getValue();
    }
}
