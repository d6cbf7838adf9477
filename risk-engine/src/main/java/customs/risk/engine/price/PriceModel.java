package customs.risk.engine.price;

import customs.risk.engine.learning.RankingMetrics;
import customs.risk.engine.trade.Shipment;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Price deviation as one model: the robust peer baseline (median/MAD), an autoencoder over peer
 * residuals with lot size and period ({@link PriceFeatures}, {@link DenseAutoencoder}), and the
 * weight that blends them, chosen by a backtest on past inspections: the weight whose blended
 * deviation ranks the inspected declarations found in violation highest (average precision).
 * With too few inspections to judge, the baseline stands alone.
 *
 * <p>The autoencoder learns from presumably fair prices only (every peer z within
 * {@value #TRAIN_Z}), so a mispriced item is something it has not seen. Its squared error on the
 * price columns becomes a robust z of its own (against the median and MAD of all items' errors),
 * signed like the baseline's deviation, so both speak the same scale.
 */
public final class PriceModel {

    /** Rows beyond this peer z are left out of the autoencoder's training. */
    static final double TRAIN_Z = 3;
    static final double[] WEIGHTS = {0, 0.25, 0.5, 0.75, 1};
    public static final int MIN_BACKTEST_INSPECTIONS = 50;
    public static final int MIN_BACKTEST_VIOLATIONS = 10;
    /** Items whose errors set the autoencoder's scale (an even sample beyond that). */
    static final int CALIBRATION_ROWS = 100_000;

    /**
     * How the blend was chosen.
     *
     * @param inspections inspected declarations with a peer price
     * @param violations of them, found in violation
     * @param averagePrecision per weight in {@link #WEIGHTS} (0 = baseline alone, 1 = autoencoder
     *     alone); empty when there were too few inspections
     * @param weight the chosen weight of the autoencoder
     */
    public record Backtest(int inspections, int violations, double[] averagePrecision, double weight) {

        public String describe() {
            if (averagePrecision.length == 0) {
                return String.format("baseline alone: %d inspections with %d violations are too few to backtest",
                        inspections, violations);
            }
            var parts = new ArrayList<String>();
            for (int i = 0; i < WEIGHTS.length; i++) {
                parts.add(String.format("w=%.2f AP=%.3f", WEIGHTS[i], averagePrecision[i]));
            }
            return String.format("autoencoder weight %.2f chosen on %d inspections (%d violations): %s", weight,
                    inspections, violations, String.join(", ", parts));
        }
    }

    private final PriceFeatures features;
    private final ReconstructionModel autoencoder;
    private final double errorMedian;
    private final double errorSpread;
    private final Backtest backtest;
    private double fitSeconds = Double.NaN;
    private int trainingRows;

    private PriceModel(PriceFeatures features, ReconstructionModel autoencoder, double errorMedian,
            double errorSpread, Backtest backtest) {
        this.features = features;
        this.autoencoder = autoencoder;
        this.errorMedian = errorMedian;
        this.errorSpread = errorSpread;
        this.backtest = backtest;
    }

    /**
     * Fits the baseline and the autoencoder on {@code shipments} and chooses the blend on the
     * inspected ones ({@code violations}: declaration id to whether a violation was found).
     */
    public static PriceModel fit(List<Shipment> shipments, Map<String, Boolean> violations, int minPeers,
            DenseAutoencoder.Settings settings) {
        var baseline = PeerPriceBaseline.fit(shipments, minPeers);
        var features = PriceFeatures.fit(shipments, baseline);
        var priced = new ArrayList<Shipment>();
        var rows = new ArrayList<double[]>();
        var training = new ArrayList<double[]>();
        for (Shipment s : shipments) {
            double[] row = features.row(s);
            if (row != null) {
                priced.add(s);
                rows.add(row);
                if (Math.abs(row[0]) * PriceFeatures.SCALE <= TRAIN_Z && Math.abs(row[1]) * PriceFeatures.SCALE <= TRAIN_Z
                        && Math.abs(row[2]) * PriceFeatures.SCALE <= TRAIN_Z) {
                    training.add(row);
                }
            }
        }
        if (training.size() < minPeers) {
            return new PriceModel(features, null, 0, 1, new Backtest(0, 0, new double[0], 0));
        }
        long started = System.nanoTime();
        var autoencoder = DenseAutoencoder.fit(training.toArray(double[][]::new), settings);
        double fitSeconds = (System.nanoTime() - started) / 1e9;
        // Calibrate the error scale on an even sample of all items; backtest on the inspected ones.
        int stride = Math.max(1, rows.size() / CALIBRATION_ROWS);
        var sample = new ArrayList<double[]>();
        var inspected = new ArrayList<Shipment>();
        var inspectedRows = new ArrayList<double[]>();
        for (int i = 0; i < rows.size(); i++) {
            if (i % stride == 0) {
                sample.add(rows.get(i));
            }
            if (violations.containsKey(priced.get(i).declarationId())) {
                inspected.add(priced.get(i));
                inspectedRows.add(rows.get(i));
            }
        }
        double[] sampleErrors = rootErrors(autoencoder, sample.toArray(double[][]::new));
        double median = PeerPriceBaseline.median(sampleErrors);
        double[] deviations = Arrays.stream(sampleErrors).map(e -> Math.abs(e - median)).toArray();
        double spread = Math.max(1e-6, PeerPriceBaseline.MAD_TO_SIGMA * PeerPriceBaseline.median(deviations));
        var unblended = new PriceModel(features, autoencoder, median, spread, null);
        var model = new PriceModel(features, autoencoder, median, spread, unblended.backtest(inspected,
                rootErrors(autoencoder, inspectedRows.toArray(double[][]::new)), violations));
        model.fitSeconds = fitSeconds;
        model.trainingRows = Math.min(training.size(), settings.maxRows());
        return model;
    }

    private Backtest backtest(List<Shipment> priced, double[] rootErrors, Map<String, Boolean> violations) {
        var baselineZ = new ArrayList<Double>();
        var autoencoderZ = new ArrayList<Double>();
        var labels = new ArrayList<Integer>();
        for (int i = 0; i < priced.size(); i++) {
            Boolean violation = violations.get(priced.get(i).declarationId());
            var deviation = features.baseline().deviation(priced.get(i));
            if (violation != null && deviation.isPresent()) {
                baselineZ.add(Math.abs(deviation.get().robustZ()));
                autoencoderZ.add(autoencoderZ(rootErrors[i]));
                labels.add(violation ? 1 : 0);
            }
        }
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        int positives = Arrays.stream(y).sum();
        if (y.length < MIN_BACKTEST_INSPECTIONS || positives < MIN_BACKTEST_VIOLATIONS) {
            return new Backtest(y.length, positives, new double[0], 0);
        }
        double[] ap = new double[WEIGHTS.length];
        int best = 0;
        for (int w = 0; w < WEIGHTS.length; w++) {
            double weight = WEIGHTS[w];
            double[] blended = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                blended[i] = (1 - weight) * baselineZ.get(i) + weight * autoencoderZ.get(i);
            }
            ap[w] = RankingMetrics.averagePrecision(blended, y);
            // A blend must beat the simpler choice clearly, not by noise.
            if (ap[w] > ap[best] + 0.005) {
                best = w;
            }
        }
        return new Backtest(y.length, positives, ap, WEIGHTS[best]);
    }

    /** The item's price residuals and context ({@link PriceFeatures} columns), null when it has no peers. */
    public double[] features(Shipment s) {
        return features.row(s);
    }

    public PeerPriceBaseline baseline() {
        return features.baseline();
    }

    public Backtest backtest() {
        return backtest;
    }

    /** Seconds the autoencoder's fit took, NaN for a model read from disk or fitted without one. */
    public double autoencoderFitSeconds() {
        return fitSeconds;
    }

    /** Rows the autoencoder learnt from (0 for a model read from disk). */
    public int autoencoderTrainingRows() {
        return trainingRows;
    }

    /**
     * The blended deviation of every priced item with peers, by declaration id: the baseline's, with
     * its z moved toward the autoencoder's by the chosen weight.
     */
    public Map<String, PriceDeviation> deviations(Collection<Shipment> shipments) {
        var result = new HashMap<String, PriceDeviation>();
        var priced = new ArrayList<Shipment>();
        var rows = new ArrayList<double[]>();
        for (Shipment s : shipments) {
            var deviation = features.baseline().deviation(s);
            if (deviation.isEmpty()) {
                continue;
            }
            result.put(s.declarationId(), deviation.get());
            double[] row = features.row(s);
            if (row != null) {
                priced.add(s);
                rows.add(row);
            }
        }
        double weight = backtest.weight();
        if (autoencoder == null || weight == 0 || rows.isEmpty()) {
            return result;
        }
        double[] rootErrors = rootErrors(autoencoder, rows.toArray(double[][]::new));
        for (int i = 0; i < priced.size(); i++) {
            String id = priced.get(i).declarationId();
            var base = result.get(id);
            double z = autoencoderZ(rootErrors[i]);
            double blended = Math.signum(base.robustZ()) * ((1 - weight) * Math.abs(base.robustZ()) + weight * z);
            result.put(id, new PriceDeviation(blended, base.ratioToMedian(), base.peerGroup(), base.peers(),
                    String.format("autoencoder %.1f, peer z %.1f", z, base.robustZ())));
        }
        return result;
    }

    private double autoencoderZ(double rootError) {
        return Math.max(0, (rootError - errorMedian) / errorSpread);
    }

    private static double[] rootErrors(ReconstructionModel model, double[][] rows) {
        double[] errors = model.errors(rows, PriceFeatures.PRICE_COLUMNS);
        for (int i = 0; i < errors.length; i++) {
            errors[i] = Math.sqrt(errors[i]) * PriceFeatures.SCALE;
        }
        return errors;
    }

    /** Writes the model into {@code dir} (created if needed). */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Writer out = Files.newBufferedWriter(dir.resolve("price-baseline.tsv"))) {
            features.baseline().write(out);
        }
        try (Writer out = Files.newBufferedWriter(dir.resolve("price-features.tsv"))) {
            features.write(out);
        }
        if (autoencoder != null) {
            autoencoder.save(dir.resolve("price-autoencoder.zip"));
        }
        var props = new Properties();
        props.setProperty("errorMedian", Double.toString(errorMedian));
        props.setProperty("errorSpread", Double.toString(errorSpread));
        props.setProperty("backtest.inspections", Integer.toString(backtest.inspections()));
        props.setProperty("backtest.violations", Integer.toString(backtest.violations()));
        props.setProperty("backtest.averagePrecision", Arrays.toString(backtest.averagePrecision()));
        props.setProperty("backtest.weight", Double.toString(backtest.weight()));
        try (Writer out = Files.newBufferedWriter(dir.resolve("price-model.properties"), StandardCharsets.UTF_8)) {
            props.store(out, "price model: " + backtest.describe());
        }
    }

    /** Reads what {@link #save} wrote. */
    public static PriceModel load(Path dir) throws IOException {
        PeerPriceBaseline baseline;
        try (var in = Files.newBufferedReader(dir.resolve("price-baseline.tsv"))) {
            baseline = PeerPriceBaseline.read(in);
        }
        PriceFeatures features;
        try (var in = Files.newBufferedReader(dir.resolve("price-features.tsv"))) {
            features = PriceFeatures.read(in, baseline);
        }
        var props = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve("price-model.properties"), StandardCharsets.UTF_8)) {
            props.load(in);
        }
        Path network = dir.resolve("price-autoencoder.zip");
        var autoencoder = Files.exists(network) ? DenseAutoencoder.load(network) : null;
        String ap = props.getProperty("backtest.averagePrecision").replaceAll("[\\[\\] ]", "");
        double[] averagePrecision = ap.isEmpty() ? new double[0]
                : Arrays.stream(ap.split(",")).mapToDouble(Double::parseDouble).toArray();
        var backtest = new Backtest(Integer.parseInt(props.getProperty("backtest.inspections")),
                Integer.parseInt(props.getProperty("backtest.violations")), averagePrecision,
                Double.parseDouble(props.getProperty("backtest.weight")));
        return new PriceModel(features, autoencoder, Double.parseDouble(props.getProperty("errorMedian")),
                Double.parseDouble(props.getProperty("errorSpread")), backtest);
    }
}
