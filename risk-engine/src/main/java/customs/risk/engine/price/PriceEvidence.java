package customs.risk.engine.price;

import customs.risk.engine.trade.Shipment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns price deviations into evidence of mis-invoicing, reading each item within its trading
 * line (same seller, buyer, HS6 and unit). A line that always trades far from the market
 * (a brand's premium, a standing discount) is a commercial fact, and its items weigh little; a line
 * whose price jumps between the market level and a fraction or multiple of it, or an item far from
 * both the market and its own line, is the classic sign of under- or over-invoicing.
 *
 * <p>O(n log n) over the items (one median per line).
 */
public final class PriceEvidence {

    /** Fewest items of a line for it to have a "usual price" of its own. */
    public static final int MIN_LINE_ITEMS = 4;
    /** A robust z within this of the market counts as a market price. */
    public static final double MARKET_BAND = 1.5;
    /** Share of a line's items at market price below which the line is taken as a consistent premium or discount. */
    public static final double CONSISTENT_LINE_SHARE = 0.1;
    /** Weight kept by an item that merely follows its line's consistent premium or discount. */
    public static final double CONSISTENT_LINE_WEIGHT = 0.2;

    /**
     * Evidence on one item.
     *
     * @param strength 0 to 1
     * @param reason the words behind it
     */
    public record Signal(double strength, String reason) {}

    private final Map<String, Signal> signals = new HashMap<>();

    private PriceEvidence() {}

    /**
     * @param zThreshold the robust z from which a price counts as deviating
     */
    public static PriceEvidence of(Collection<Shipment> shipments, PeerPriceBaseline baseline, double zThreshold) {
        var deviations = new HashMap<String, PriceDeviation>();
        for (Shipment s : shipments) {
            baseline.deviation(s).ifPresent(d -> deviations.put(s.declarationId(), d));
        }
        return of(shipments, deviations, zThreshold);
    }

    /**
     * @param deviations per declaration id, its price deviation (items without one are unremarkable)
     * @param zThreshold the robust z from which a price counts as deviating
     */
    public static PriceEvidence of(Collection<Shipment> shipments, Map<String, PriceDeviation> deviations,
            double zThreshold) {
        var evidence = new PriceEvidence();
        var lines = new HashMap<String, List<Shipment>>();
        for (Shipment s : shipments) {
            if (deviations.containsKey(s.declarationId())) {
                lines.computeIfAbsent(s.sellerId() + "|" + s.buyerId() + "|" + s.hs6() + "|" + s.quantityUnit(),
                        k -> new ArrayList<>()).add(s);
            }
        }
        for (List<Shipment> line : lines.values()) {
            double[] z = line.stream().mapToDouble(s -> deviations.get(s.declarationId()).robustZ()).toArray();
            double lineMedian = PeerPriceBaseline.median(z);
            double marketShare = Arrays.stream(z).filter(v -> Math.abs(v) < MARKET_BAND).count() / (double) z.length;
            boolean ownUsualPrice = line.size() >= MIN_LINE_ITEMS;
            for (Shipment s : line) {
                var d = deviations.get(s.declarationId());
                double absZ = Math.abs(d.robustZ());
                if (absZ < zThreshold) {
                    continue;
                }
                double strength = 1 - Math.exp(-(absZ - zThreshold + 1) / 2);
                String direction = d.robustZ() < 0 ? "possible under-invoicing" : "possible over-invoicing";
                String reason = d.describe() + " (" + direction + ")";
                if (ownUsualPrice && Math.abs(d.robustZ() - lineMedian) < MARKET_BAND
                        && marketShare < CONSISTENT_LINE_SHARE) {
                    strength *= CONSISTENT_LINE_WEIGHT;
                    reason = d.describe() + ", as on all " + line.size()
                            + " items of this seller-buyer line (a standing premium or discount)";
                } else if (ownUsualPrice && marketShare >= CONSISTENT_LINE_SHARE) {
                    reason += String.format("; the same line trades at market price on %.0f%% of %d items",
                            100 * marketShare, line.size());
                }
                evidence.signals.put(s.declarationId(), new Signal(strength, reason));
            }
        }
        return evidence;
    }

    /** The evidence on a declaration, or null when its price is unremarkable or unknown. */
    public Signal signal(String declarationId) {
        return signals.get(declarationId);
    }
}
