package customs.risk.engine.price;

import customs.risk.engine.trade.Shipment;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The robust statistical baseline of price deviation: an item's log unit price against the median
 * and median absolute deviation (MAD) of its peers, the same goods in the same unit, from the most
 * specific peer group that holds at least {@code minPeers} items: HS6 and origin, then HS6, HS4,
 * HS2 (backing off when peers are few). Median and MAD resist the very outliers being sought;
 * docs/STACK.md records that this rule separated 5x/0.2x prices almost perfectly where an autoencoder
 * on raw features did not. Both under- and over-invoicing show, as negative and positive z.
 *
 * <p>Fitting is O(n log n) (one sort per group); scoring one item is O(1).
 */
public final class PeerPriceBaseline {

    public static final int MIN_PEERS_DEFAULT = 20;
    /** MAD of a normal distribution is 0.6745 sigma; this turns MAD into a sigma estimate. */
    static final double MAD_TO_SIGMA = 1.4826;
    /** Floor of the spread, in log units, so that a group of identical prices does not divide by zero. */
    static final double MIN_SPREAD = 0.05;

    private enum Level {
        HS6_ORIGIN(
                s -> s.hs6() + "|" + s.originCountry() + "|" + s.quantityUnit(),
                s -> "HS " + s.hs6() + " from " + s.originCountry()),
        HS6(s -> s.hs6() + "|" + s.quantityUnit(), s -> "HS " + s.hs6()),
        HS4(s -> s.hs4() + "|" + s.quantityUnit(), s -> "HS " + s.hs4()),
        HS2(s -> s.hs2() + "|" + s.quantityUnit(), s -> "HS chapter " + s.hs2());

        final Function<Shipment, String> key;
        final Function<Shipment, String> words;

        Level(Function<Shipment, String> key, Function<Shipment, String> words) {
            this.key = key;
            this.words = words;
        }
    }

    /** A peer group's log unit price: median, robust spread, and how many items it has. */
    public record Stats(double median, double spread, int count) {}

    private final int minPeers;
    private final Map<Level, Map<String, Stats>> stats = new HashMap<>();

    private PeerPriceBaseline(int minPeers) {
        this.minPeers = minPeers;
    }

    /**
     * Learns peer medians and spreads from {@code shipments} (items without a USD value are skipped).
     *
     * @param minPeers fewest items a peer group needs to be used (at least 3)
     */
    public static PeerPriceBaseline fit(Collection<Shipment> shipments, int minPeers) {
        if (minPeers < 3) {
            throw new IllegalArgumentException("minPeers must be at least 3: " + minPeers);
        }
        var baseline = new PeerPriceBaseline(minPeers);
        for (Level level : Level.values()) {
            var levelStats = new HashMap<String, Stats>();
            GroupedNumbers.forEach(
                    shipments,
                    s -> priced(s) ? level.key.apply(s) : null,
                    s -> Math.log(s.unitValueUsd()),
                    (key, values) -> {
                        if (values.length >= minPeers) {
                            levelStats.put(key, statsOf(values));
                        }
                    });
            baseline.stats.put(level, levelStats);
        }
        return baseline;
    }

    /**
     * The robust z of {@code s} at every level, most specific first (HS6 and origin, HS6, HS4, HS2),
     * NaN where the level's group is too small or the item has no value: the autoencoder's view.
     */
    public double[] levelScores(Shipment s) {
        var levels = Level.values();
        double[] z = new double[levels.length];
        java.util.Arrays.fill(z, Double.NaN);
        if (priced(s)) {
            double x = Math.log(s.unitValueUsd());
            for (int i = 0; i < levels.length; i++) {
                Stats peers = stats.get(levels[i]).get(levels[i].key.apply(s));
                if (peers != null) {
                    z[i] = (x - peers.median) / peers.spread;
                }
            }
        }
        return z;
    }

    /**
     * The baseline as a file keeps it.
     *
     * @param groups per level (its name), the peer groups by key
     */
    public record Saved(int minPeers, Map<String, Map<String, Stats>> groups) {}

    public Saved saved() {
        var groups = new java.util.LinkedHashMap<String, Map<String, Stats>>();
        for (Level level : Level.values()) {
            groups.put(level.name(), stats.get(level));
        }
        return new Saved(minPeers, groups);
    }

    /** The baseline {@link #saved} describes. */
    public static PeerPriceBaseline restore(Saved saved) {
        var baseline = new PeerPriceBaseline(saved.minPeers());
        for (Level level : Level.values()) {
            baseline.stats.put(level, new HashMap<>(saved.groups().getOrDefault(level.name(), Map.of())));
        }
        return baseline;
    }

    /** The deviation of {@code s} from its peers, or empty when it has no value or no group is large enough. */
    public Optional<PriceDeviation> deviation(Shipment s) {
        if (!priced(s)) {
            return Optional.empty();
        }
        double x = Math.log(s.unitValueUsd());
        for (Level level : Level.values()) {
            Stats peers = stats.get(level).get(level.key.apply(s));
            if (peers != null) {
                return Optional.of(new PriceDeviation(
                        (x - peers.median) / peers.spread,
                        Math.exp(x - peers.median),
                        level.words.apply(s),
                        peers.count));
            }
        }
        return Optional.empty();
    }

    public int minPeers() {
        return minPeers;
    }

    private static boolean priced(Shipment s) {
        double unit = s.unitValueUsd();
        return unit > 0 && Double.isFinite(unit);
    }

    private static Stats statsOf(double[] values) {
        double median = median(values);
        double[] deviations = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            deviations[i] = Math.abs(values[i] - median);
        }
        double spread = Math.max(MIN_SPREAD, MAD_TO_SIGMA * median(deviations));
        return new Stats(median, spread, values.length);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
