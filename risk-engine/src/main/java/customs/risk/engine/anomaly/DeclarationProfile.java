package customs.risk.engine.anomaly;

import customs.risk.engine.trade.Shipment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A declaration as a whole, as numbers an autoencoder can read: how its price sits among its peers
 * (the price model's residuals with lot size and drift, given), its net mass per unit against the same goods,
 * its route (origin and departure), and how unusual its combinations are: this origin for these
 * goods, this broker for this importer, these goods for this importer, this seller for this buyer.
 * A combination's rarity is -log10 of its share among the declarations of its first part, learnt
 * once from the history and kept, so a new declaration is read against the same history.
 *
 * <p>Each column is clipped to ±{@value #CLIP} and divided by {@value #SCALE}, so a tanh network sees
 * values of order one. Fitting is O(n log n) (one median per goods group); a row is O(1).
 */
public final class DeclarationProfile {

    /** Columns handed in by the price model: its residuals at three peer levels, lot size, drift. */
    public static final int PRICE_COLUMNS = 5;

    public static final int COLUMNS = PRICE_COLUMNS + 7;
    static final double CLIP = 8;
    static final double SCALE = 4;

    /** A combination: its key, and the key of its first part (whose declarations it is a share of). */
    private record Combination(String name, Function<Shipment, String> whole, Function<Shipment, String> part) {}

    private static final List<Combination> COMBINATIONS = List.of(
            new Combination("route", s -> s.originCountry() + "|" + departure(s), Shipment::originCountry),
            new Combination("origin for goods", s -> s.hs6() + "|" + s.originCountry(), Shipment::hs6),
            new Combination("broker for importer", s -> s.buyerId() + "|" + s.declarantId(), Shipment::buyerId),
            new Combination("goods for importer", s -> s.buyerId() + "|" + s.hs6(), Shipment::buyerId),
            new Combination("seller for buyer", s -> s.sellerId() + "|" + s.buyerId(), Shipment::buyerId));

    /** A median and a robust spread. */
    public record Spread(double median, double spread) {}

    private final Map<String, Spread> massPerUnit;
    private final List<Map<String, Integer>> counts;

    private DeclarationProfile(Map<String, Spread> massPerUnit, List<Map<String, Integer>> counts) {
        this.massPerUnit = massPerUnit;
        this.counts = counts;
    }

    public static DeclarationProfile fit(Collection<Shipment> history, int minPeers) {
        var masses = new HashMap<String, List<Double>>();
        var counts = new ArrayList<Map<String, Integer>>();
        for (int k = 0; k < 2 * COMBINATIONS.size(); k++) {
            counts.add(new HashMap<>());
        }
        for (Shipment s : history) {
            if (s.netMassKg() > 0) {
                masses.computeIfAbsent(goods(s), g -> new ArrayList<>()).add(Math.log(s.netMassKg() / s.quantity()));
            }
            for (int k = 0; k < COMBINATIONS.size(); k++) {
                counts.get(2 * k).merge(COMBINATIONS.get(k).whole().apply(s), 1, Integer::sum);
                counts.get(2 * k + 1).merge(COMBINATIONS.get(k).part().apply(s), 1, Integer::sum);
            }
        }
        return new DeclarationProfile(spreads(masses, minPeers), counts);
    }

    /**
     * The row of {@code s}.
     *
     * @param price the price model's columns for it (residuals at three levels, lot size, drift),
     *     null when it has no peers (read as zeros: nothing known against it)
     */
    public double[] row(Shipment s, double[] price) {
        double[] row = new double[COLUMNS];
        if (price != null) {
            System.arraycopy(price, 0, row, 0, PRICE_COLUMNS);
        }
        int c = PRICE_COLUMNS;
        var mass = massPerUnit.get(goods(s));
        row[c++] = mass == null || !(s.netMassKg() > 0)
                ? 0
                : scaled((Math.log(s.netMassKg() / s.quantity()) - mass.median) / mass.spread);
        String departure = departure(s);
        row[c++] = departure.isEmpty() || departure.equals(s.originCountry()) ? 0 : 1 / SCALE;
        for (int k = 0; k < COMBINATIONS.size(); k++) {
            double whole =
                    counts.get(2 * k).getOrDefault(COMBINATIONS.get(k).whole().apply(s), 0);
            double part = counts.get(2 * k + 1)
                    .getOrDefault(COMBINATIONS.get(k).part().apply(s), 0);
            row[c++] = scaled(-Math.log10((whole + 0.5) / (part + 1)));
        }
        return row;
    }

    /**
     * The profile as a file keeps it.
     *
     * @param massPerUnit log mass per unit, per goods
     * @param counts how often each value of each combination was seen
     */
    public record Saved(Map<String, Spread> massPerUnit, List<Map<String, Integer>> counts) {}

    public Saved saved() {
        return new Saved(massPerUnit, counts);
    }

    /** The profile {@link #saved} describes. */
    public static DeclarationProfile restore(Saved saved) {
        return new DeclarationProfile(
                new HashMap<>(saved.massPerUnit()),
                saved.counts().stream()
                        .map(c -> (Map<String, Integer>) new HashMap<>(c))
                        .toList());
    }

    private static Map<String, Spread> spreads(Map<String, List<Double>> groups, int minPeers) {
        var spreads = new HashMap<String, Spread>();
        groups.forEach((key, values) -> {
            if (values.size() >= minPeers) {
                double[] v = values.stream()
                        .mapToDouble(Double::doubleValue)
                        .sorted()
                        .toArray();
                double median = median(v);
                double[] deviations =
                        Arrays.stream(v).map(x -> Math.abs(x - median)).sorted().toArray();
                spreads.put(key, new Spread(median, Math.max(0.05, 1.4826 * median(deviations))));
            }
        });
        return spreads;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String goods(Shipment s) {
        return s.hs6() + "|" + s.quantityUnit();
    }

    private static String departure(Shipment s) {
        return s.attributes().getOrDefault("departure_country", "");
    }

    private static double scaled(double v) {
        return Math.max(-CLIP, Math.min(CLIP, v)) / SCALE;
    }
}
