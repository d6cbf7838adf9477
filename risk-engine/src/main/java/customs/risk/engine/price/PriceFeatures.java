package customs.risk.engine.price;

import customs.risk.engine.trade.Shipment;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * How one priced item sits among its peers, as the learned score and the declaration autoencoder
 * read it: its price residuals against peer groups, not raw prices (an autoencoder on raw log
 * price, quantity and month was measured barely better than chance at finding 5x and 0.2x prices,
 * where the peer residual separated them almost perfectly), plus the context that moves a fair
 * price: lot size within the goods (large lots buy cheaper) and the period (prices drift and have
 * seasons).
 *
 * <p>Columns: robust z at the most specific level, at HS6, at HS4 (each falling back to the level
 * above when a group is small), robust z of the lot size within HS6 and unit, and the drift of the
 * goods' median price in the item's quarter. Each is clipped to ±{@value #CLIP} and divided by
 * {@value #SCALE}, so a tanh network sees values of order one.
 *
 * <p>Fitting is O(n log n); one row is O(1).
 */
public final class PriceFeatures {

    public static final int COLUMNS = 5;
    static final double CLIP = 8;
    static final double SCALE = 4;
    /** Fewest items of a goods group in one quarter for its median to count as that quarter's price. */
    static final int MIN_QUARTER_ITEMS = 10;

    /** A median and a robust spread. */
    public record Spread(double median, double spread) {}

    private final PeerPriceBaseline baseline;
    private final Map<String, Spread> lots;
    private final Map<String, Double> drift;

    private PriceFeatures(PeerPriceBaseline baseline, Map<String, Spread> lots, Map<String, Double> drift) {
        this.baseline = baseline;
        this.lots = lots;
        this.drift = drift;
    }

    public static PriceFeatures fit(Collection<Shipment> shipments, PeerPriceBaseline baseline) {
        var lots = new HashMap<String, Spread>();
        GroupedNumbers.forEach(
                shipments,
                s -> s.unitValueUsd() > 0 ? goods(s) : null,
                s -> Math.log(s.quantity()),
                (goods, values) -> {
                    if (values.length >= baseline.minPeers()) {
                        lots.put(goods, spreadOf(values));
                    }
                });
        var overall = new HashMap<String, Spread>();
        GroupedNumbers.forEach(
                shipments,
                s -> s.unitValueUsd() > 0 ? goods(s) : null,
                s -> Math.log(s.unitValueUsd()),
                (goods, values) -> {
                    if (values.length >= baseline.minPeers()) {
                        overall.put(goods, spreadOf(values));
                    }
                });
        var drift = new HashMap<String, Double>();
        GroupedNumbers.forEach(
                shipments,
                s -> s.unitValueUsd() > 0 ? quarter(s) : null,
                s -> Math.log(s.unitValueUsd()),
                (key, values) -> {
                    var goods = overall.get(key.substring(0, key.lastIndexOf('|')));
                    if (goods != null && values.length >= MIN_QUARTER_ITEMS) {
                        drift.put(key, (PeerPriceBaseline.median(values) - goods.median) / goods.spread);
                    }
                });
        return new PriceFeatures(baseline, lots, drift);
    }

    public PeerPriceBaseline baseline() {
        return baseline;
    }

    /** The feature row of {@code s}, or null when it has no value or no peer group at all. */
    public double[] row(Shipment s) {
        double[] z = baseline.levelScores(s);
        // Fall back upwards: HS6+origin -> HS6 -> HS4 -> HS2.
        double[] filled = new double[z.length];
        double above = Double.NaN;
        for (int i = z.length - 1; i >= 0; i--) {
            above = Double.isNaN(z[i]) ? above : z[i];
            filled[i] = above;
        }
        if (Double.isNaN(filled[0])) {
            return null;
        }
        var lot = lots.get(goods(s));
        double lotZ = lot == null ? 0 : (Math.log(s.quantity()) - lot.median) / lot.spread;
        double quarterDrift = drift.getOrDefault(quarter(s), 0.0);
        return new double[] {scaled(filled[0]), scaled(filled[1]), scaled(filled[2]), scaled(lotZ), scaled(quarterDrift)
        };
    }

    /**
     * The lot and period statistics as a file keeps them (the baseline is kept on its own).
     *
     * @param lots log lot size per goods
     * @param drift price drift per goods and quarter
     */
    public record Saved(Map<String, Spread> lots, Map<String, Double> drift) {}

    public Saved saved() {
        return new Saved(lots, drift);
    }

    /** The features {@link #saved} describes, over {@code baseline}. */
    public static PriceFeatures restore(Saved saved, PeerPriceBaseline baseline) {
        return new PriceFeatures(baseline, new HashMap<>(saved.lots()), new HashMap<>(saved.drift()));
    }

    private static double scaled(double v) {
        return Math.max(-CLIP, Math.min(CLIP, v)) / SCALE;
    }

    private static String goods(Shipment s) {
        return s.hs6() + "|" + s.quantityUnit();
    }

    private static String quarter(Shipment s) {
        return goods(s) + "|" + s.filedOn().getYear() + "Q" + ((s.filedOn().getMonthValue() - 1) / 3 + 1);
    }

    private static Spread spreadOf(double[] values) {
        double median = PeerPriceBaseline.median(values);
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.abs(values[i] - median);
        }
        return new Spread(
                median,
                Math.max(PeerPriceBaseline.MIN_SPREAD, PeerPriceBaseline.MAD_TO_SIGMA * PeerPriceBaseline.median(v)));
    }
}
