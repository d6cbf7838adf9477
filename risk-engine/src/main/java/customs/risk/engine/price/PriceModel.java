package customs.risk.engine.price;

import customs.risk.engine.io.ModelFiles;
import customs.risk.engine.trade.Shipment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Price deviation as one kept model: the robust peer baseline (median/MAD at HS6 and origin,
 * backing off to HS6, HS4, HS2) and the context that moves a fair price ({@link PriceFeatures}:
 * residuals at three peer levels, lot size within the goods, the goods' drift in the quarter).
 * Fitted on the history at training, read back for every later scoring, so a new declaration is
 * priced against the same peers. What the deviations are worth is learnt elsewhere: the learned
 * score reads them with everything else, and the declaration autoencoder reads them as part of
 * the whole declaration.
 *
 * <p>Fitting is O(n log n) (one median per group); scoring an item is O(1).
 */
public final class PriceModel {

    private static final String FILE = "price-model.json";

    /** The model as its file keeps it. */
    public record Saved(PeerPriceBaseline.Saved baseline, PriceFeatures.Saved features) {}

    private final PriceFeatures features;

    private PriceModel(PriceFeatures features) {
        this.features = features;
    }

    /**
     * Fits the baseline and its features on {@code shipments}.
     *
     * @param minPeers fewest items a peer group needs to be used (at least 3)
     */
    public static PriceModel fit(List<Shipment> shipments, int minPeers) {
        var baseline = PeerPriceBaseline.fit(shipments, minPeers);
        return new PriceModel(PriceFeatures.fit(shipments, baseline));
    }

    /** The item's price residuals and context ({@link PriceFeatures} columns), null when it has no peers. */
    public double[] features(Shipment s) {
        return features.row(s);
    }

    public PeerPriceBaseline baseline() {
        return features.baseline();
    }

    /** The deviation of every priced item with peers, by declaration id. */
    public Map<String, PriceDeviation> deviations(Collection<Shipment> shipments) {
        var result = new HashMap<String, PriceDeviation>();
        for (Shipment s : shipments) {
            features.baseline().deviation(s).ifPresent(d -> result.put(s.declarationId(), d));
        }
        return result;
    }

    /** The item's deviation from its peers, null where it has none. */
    public PriceDeviation deviation(Shipment shipment) {
        return features.baseline().deviation(shipment).orElse(null);
    }

    /** Writes the model into {@code dir} (created if needed). */
    public void save(Path dir) throws IOException {
        ModelFiles.write(dir.resolve(FILE), new Saved(features.baseline().saved(), features.saved()));
    }

    /** Reads what {@link #save} wrote. */
    public static PriceModel load(Path dir) throws IOException {
        var saved = ModelFiles.read(dir.resolve(FILE), Saved.class);
        return new PriceModel(PriceFeatures.restore(saved.features(), PeerPriceBaseline.restore(saved.baseline())));
    }
}
