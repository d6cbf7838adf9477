package customs.risk.engine.price;

import customs.risk.engine.trade.Shipment;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Turns prices into evidence of mis-invoicing, reading each item within its trading line (same
 * seller, buyer, HS6 and unit) with {@link PriceLineModes}. A line that always trades far from the
 * market (a brand's premium, a standing discount) is a commercial fact, and its items weigh little;
 * a line whose items split between its usual price and a fraction or multiple of it, or an item far
 * from its own line, is the classic sign of under- or over-invoicing, even when the price is not far
 * from the market.
 *
 * <p>An item's strength is the probability that it is mispriced ({@link #lineMispricing}); an item
 * that its line reads as usual but whose price is at least {@code zThreshold} robust z from its
 * peers keeps {@value #CONSISTENT_LINE_WEIGHT} of the peer rule's strength. Items below
 * {@value #MIN_STRENGTH} have no signal. Per company, the items in a deviating level are counted over
 * every line it sells or buys on.
 *
 * <p>Why lines rather than peers alone: on the fixtures' generated trade (50,000 declarations, seeds
 * 2026 and 7) the peer rule (|z| of at least 3) put 28% and 37% mispriced items among as many top
 * items as there are mispriced ones; ranking by this strength puts 70% and 69% there, with no item
 * of a premium brand's consistent lines among them. What it cannot separate are mispriced items
 * within about two spreads of their line's honest price, and lines of goods traded almost only by
 * mispricing lines, whose market is the mispriced price.
 *
 * <p>Lines are read from {@code shipments} alone: to read new declarations in their lines, pass them
 * together with the earlier trade (the deviations may cover the new ones only).
 *
 * <p>O(n log n) over the items (see {@link PriceLineModes}); an item's signal and its words are made
 * when asked for, so the heap holds nothing per item. Immutable.
 */
public final class PriceEvidence {

    /** Fewest items of a line for it to have a "usual price" of its own. */
    public static final int MIN_LINE_ITEMS = PriceLineModes.MIN_LINE_ITEMS_DEFAULT;
    /** Weight kept by an item that merely follows its line's consistent premium or discount. */
    public static final double CONSISTENT_LINE_WEIGHT = 0.1;
    /** Weakest evidence worth a signal. */
    public static final double MIN_STRENGTH = 0.05;
    /** Mispricing probability from which an item counts as in a deviating level for its companies. */
    public static final double DEVIATING_PROBABILITY = 0.5;

    /**
     * Evidence on one item.
     *
     * @param strength 0 to 1
     * @param reason the words behind it
     */
    public record Signal(double strength, String reason) {}

    /**
     * A company's priced items and how many of them sit in a deviating price level of their line.
     *
     * @param items priced items it sells or buys
     * @param deviating of them, more likely mispriced than not
     * @param expected the sum of their mispricing probabilities
     */
    public record CompanyPricing(int items, int deviating, double expected) {

        public static final CompanyPricing NONE = new CompanyPricing(0, 0, 0);

        /** Share of its items in a deviating level, 0 without items. */
        public double share() {
            return items == 0 ? 0 : (double) deviating / items;
        }
    }

    private final PriceLineModes modes;
    /** By row of the shipments read, the deviation from peers, null for none. */
    private final IntFunction<PriceDeviation> deviations;

    private final double zThreshold;
    private final Map<String, CompanyPricing> companies;

    private PriceEvidence(
            PriceLineModes modes,
            IntFunction<PriceDeviation> deviations,
            double zThreshold,
            Map<String, CompanyPricing> companies) {
        this.modes = modes;
        this.deviations = deviations;
        this.zThreshold = zThreshold;
        this.companies = companies;
    }

    /**
     * @param zThreshold the robust z from which a price counts as far from its peers
     */
    public static PriceEvidence of(Collection<Shipment> shipments, PeerPriceBaseline baseline, double zThreshold) {
        var rows = List.copyOf(shipments);
        return of(
                rows,
                row -> baseline.deviation(rows.get(row)).orElse(null),
                zThreshold,
                PriceLineModes.Settings.DEFAULTS);
    }

    /**
     * @param deviations per declaration id, its price deviation from peers, for the reasons and the
     *     market of lines whose goods are thin in {@code shipments} (items without one are read
     *     within their line all the same)
     * @param zThreshold the robust z from which a price counts as far from its peers
     */
    public static PriceEvidence of(
            Collection<Shipment> shipments, Map<String, PriceDeviation> deviations, double zThreshold) {
        return of(shipments, deviations, zThreshold, PriceLineModes.Settings.DEFAULTS);
    }

    /** As {@link #of(Collection, Map, double)} with the line reading's settings. */
    public static PriceEvidence of(
            Collection<Shipment> shipments,
            Map<String, PriceDeviation> deviations,
            double zThreshold,
            PriceLineModes.Settings settings) {
        if (shipments == null || deviations == null) {
            throw new IllegalArgumentException("shipments, deviations and settings are required");
        }
        var rows = List.copyOf(shipments);
        return of(rows, row -> deviations.get(rows.get(row).declarationId()), zThreshold, settings);
    }

    /**
     * As {@link #of(Collection, Map, double, PriceLineModes.Settings)} with the deviation of each row
     * of {@code shipments} (null for none) asked for when needed, and again for a signal's words:
     * holds nothing per declaration id, and the look-ups by row count in the same rows.
     */
    public static PriceEvidence of(
            List<Shipment> shipments,
            IntFunction<PriceDeviation> deviations,
            double zThreshold,
            PriceLineModes.Settings settings) {
        if (shipments == null || deviations == null || settings == null) {
            throw new IllegalArgumentException("shipments, deviations and settings are required");
        }
        if (!(zThreshold > 0)) {
            throw new IllegalArgumentException("zThreshold must be positive: " + zThreshold);
        }
        var modes = PriceLineModes.fit(
                shipments,
                row -> {
                    Shipment s = shipments.get(row);
                    var d = deviations.apply(row);
                    return d != null && s.unitValueUsd() > 0 && d.ratioToMedian() > 0
                            ? Math.log(s.unitValueUsd()) - Math.log(d.ratioToMedian())
                            : Double.NaN;
                },
                settings);
        var counts = new HashMap<String, int[]>();
        var expected = new HashMap<String, Double>();
        for (int row = 0; row < shipments.size(); row++) {
            if (modes.lineAt(row).isEmpty()) {
                continue;
            }
            Shipment s = shipments.get(row);
            double p = modes.mispricingAt(row);
            for (String company : s.sellerId().equals(s.buyerId())
                    ? new String[] {s.sellerId()}
                    : new String[] {s.sellerId(), s.buyerId()}) {
                int[] c = counts.computeIfAbsent(company, k -> new int[2]);
                c[0]++;
                if (p >= DEVIATING_PROBABILITY) {
                    c[1]++;
                }
                expected.merge(company, p, Double::sum);
            }
        }
        var companies = new HashMap<String, CompanyPricing>();
        counts.forEach((company, c) -> companies.put(company, new CompanyPricing(c[0], c[1], expected.get(company))));
        return new PriceEvidence(modes, deviations, zThreshold, companies);
    }

    private static Signal signal(
            double ratio,
            double p,
            PriceLineModes.Line line,
            PriceDeviation deviation,
            double laneSpread,
            double zThreshold) {
        double consistent = 0;
        double absZ = deviation == null ? 0 : Math.abs(deviation.robustZ());
        if (line.readable() && p < DEVIATING_PROBABILITY && absZ >= zThreshold) {
            consistent = CONSISTENT_LINE_WEIGHT * (1 - Math.exp(-(absZ - zThreshold + 1) / 2));
        }
        double strength = Math.max(p, consistent);
        if (strength < MIN_STRENGTH) {
            return null;
        }
        if (consistent > p) {
            String scope = line.sellerWide() ? "this seller's sales of the goods" : "this seller-buyer line";
            String share = line.deviating() == 0
                    ? "all " + line.items()
                    : (line.items() - line.deviating()) + " of the " + line.items();
            String reason = deviation.describe() + ", as on " + share + " items of " + scope
                    + " (a standing premium or discount)";
            return new Signal(strength, reason);
        }
        String direction = ratio < 1 ? "possible under-invoicing" : "possible over-invoicing";
        if (!line.readable()) {
            String reason = deviation != null
                    ? deviation.describe() + " (" + direction + ")"
                    : String.format("unit price %.2gx the market (%s)", ratio, direction);
            return new Signal(strength, reason);
        }
        String peers = deviation == null ? "" : "; " + deviation.describe();
        String rest = marketWords(line, laneSpread);
        String scope = line.sellerWide() ? "this seller's sales of the goods" : "this seller-buyer line";
        String reason;
        if (line.secondMode() > 0.5) {
            reason = String.format(
                    "unit price %.2gx the usual price of %s (%d of %d items at ~%.2gx, the rest %s; %s)",
                    ratio, scope, line.deviating(), line.items(), line.deviatingRatio(), rest, direction);
        } else {
            reason = String.format(
                    "unit price %.2gx the usual price of %s, whose other %d items trade %s (%s)",
                    ratio, scope, line.items() - 1, rest, direction);
        }
        return new Signal(strength, reason + peers);
    }

    /** "at market price" when the line's honest level is within two lane spreads of the market. */
    private static String marketWords(PriceLineModes.Line line, double laneSpread) {
        return Math.abs(line.honestLevel()) <= 2 * laneSpread
                ? "at market price"
                : String.format("at %.2gx the market", line.marketRatio());
    }

    /** The evidence on a declaration, or null when its price is unremarkable or unknown. */
    public Signal signal(String declarationId) {
        return signalAt(modes.rowOf(declarationId));
    }

    /** As {@link #signal(String)} for the shipment at {@code row} of those read. */
    public Signal signalAt(int row) {
        var line = modes.lineAt(row);
        if (line.isEmpty()) {
            return null;
        }
        return signal(
                modes.ratioToLineAt(row),
                modes.mispricingAt(row),
                line.get(),
                deviations.apply(row),
                modes.laneSpread(),
                zThreshold);
    }

    /**
     * The item's log unit price minus its line's honest level, in units of the line's spread within
     * a level (negative for cheaper); NaN when neither its seller-buyer line nor its seller's sales of
     * the goods have {@link #MIN_LINE_ITEMS} items, or the item has no price.
     */
    public double lineShift(String declarationId) {
        return modes.shift(declarationId);
    }

    /** As {@link #lineShift(String)} for the shipment at {@code row} of those read. */
    public double lineShiftAt(int row) {
        return modes.shiftAt(row);
    }

    /**
     * 0 to 1: the probability that the item sits in a deviating price level of its line or is a
     * stray item in it; for a line too small to have levels, against the market alone. 0 for an item
     * without a price.
     */
    public double lineMispricing(String declarationId) {
        return lineMispricingAt(modes.rowOf(declarationId));
    }

    /** As {@link #lineMispricing(String)} for the shipment at {@code row} of those read. */
    public double lineMispricingAt(int row) {
        double p = modes.mispricingAt(row);
        return Double.isNaN(p) ? 0 : p;
    }

    /** The company's priced items and how many of them deviate, {@link CompanyPricing#NONE} when it has none. */
    public CompanyPricing company(String companyId) {
        return companies.getOrDefault(companyId, CompanyPricing.NONE);
    }

    /** Share of the company's priced items in a deviating level of their line, 0 when it has none. */
    public double companyShare(String companyId) {
        return company(companyId).share();
    }

    /** The line reading behind the evidence. */
    public PriceLineModes modes() {
        return modes;
    }
}
