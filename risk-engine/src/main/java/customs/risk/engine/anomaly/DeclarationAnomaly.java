package customs.risk.engine.anomaly;

import customs.risk.engine.io.ModelFiles;
import customs.risk.engine.price.DenseAutoencoder;
import customs.risk.engine.price.ReconstructionModel;
import customs.risk.engine.trade.Shipment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * How unlike the declarations it learnt from a declaration is, as a whole: a dense autoencoder
 * ({@link DenseAutoencoder}) reads its {@link DeclarationProfile} (price residuals, mass per unit,
 * route, rare combinations of goods, origin, importer, broker and seller) and its reconstruction
 * error becomes a robust z against the errors of the history (median and MAD), 0 for a usual
 * declaration. It is one more signal for the learned score, which decides by backtest how much it
 * is worth; on its own it ranks nothing.
 *
 * <p>It learns from the history less what inspections found in violation. Fitting is the
 * autoencoder's cost on at most {@code maxRows} rows; scoring is O(n · w) for w weights, in batches.
 */
public final class DeclarationAnomaly {

    /** Items whose errors set the scale (an even sample beyond that). */
    static final int CALIBRATION_ROWS = 100_000;

    /** Rows scored at a time. */
    private static final int PAGE = 50_000;

    private static final String FILE = "declaration-anomaly.json";
    private static final String NETWORK = "declaration-autoencoder.zip";

    /** What the file keeps beside the network: the profile and the scale of the errors. */
    public record Saved(DeclarationProfile.Saved profile, double errorMedian, double errorSpread) {}

    private final DeclarationProfile profile;
    private final ReconstructionModel autoencoder;
    private final double errorMedian;
    private final double errorSpread;

    private DeclarationAnomaly(
            DeclarationProfile profile, ReconstructionModel autoencoder, double errorMedian, double errorSpread) {
        this.profile = profile;
        this.autoencoder = autoencoder;
        this.errorMedian = errorMedian;
        this.errorSpread = errorSpread;
    }

    /**
     * @param history the declarations to learn from
     * @param price the price model's columns of the declaration at an index, null when it has no peers
     * @param violations inspected declarations by id, true when found in violation (left out of learning)
     */
    public static DeclarationAnomaly fit(
            List<Shipment> history,
            IntFunction<double[]> price,
            Map<String, Boolean> violations,
            int minPeers,
            DenseAutoencoder.Settings settings) {
        var profile = DeclarationProfile.fit(history, minPeers);
        // Rows are built only for the declarations a sample takes: one per declaration would grow with them.
        int[] training = java.util.stream.IntStream.range(0, history.size())
                .filter(i -> !Boolean.TRUE.equals(violations.get(history.get(i).declarationId())))
                .toArray();
        if (training.length == 0) {
            throw new IllegalArgumentException("no declarations to learn from");
        }
        IntFunction<double[]> row = t -> profile.row(history.get(training[t]), price.apply(training[t]));
        var autoencoder = DenseAutoencoder.fit(training.length, row, settings);
        int stride = Math.max(1, training.length / CALIBRATION_ROWS);
        var sample = new ArrayList<double[]>();
        for (int t = 0; t < training.length; t += stride) {
            sample.add(row.apply(t));
        }
        double[] errors = rootErrors(autoencoder, sample.toArray(double[][]::new));
        double median = median(errors.clone());
        double[] deviations =
                Arrays.stream(errors).map(e -> Math.abs(e - median)).toArray();
        return new DeclarationAnomaly(profile, autoencoder, median, Math.max(1e-6, 1.4826 * median(deviations)));
    }

    /**
     * Per shipment, in order: the robust z of its reconstruction error (0 or more).
     *
     * @param price the price model's columns of the shipment at an index, null when it has no peers
     */
    public double[] scores(List<Shipment> shipments, IntFunction<double[]> price) {
        double[] scores = new double[shipments.size()];
        scores(shipments, price, (i, score) -> scores[i] = score);
        return scores;
    }

    /** Scores of one row, each handed to a receiver as soon as it is known. */
    @FunctionalInterface
    public interface Receiver {
        void accept(int row, double score);
    }

    /**
     * As {@link #scores(List, IntFunction)}, handing each row's score to {@code receiver}: the rows
     * the network reads are built one page at a time, so they take no memory per shipment.
     */
    public void scores(List<Shipment> shipments, IntFunction<double[]> price, Receiver receiver) {
        for (int from = 0; from < shipments.size(); from += PAGE) {
            int first = from;
            double[][] rows = new double[Math.min(PAGE, shipments.size() - from)][];
            java.util.stream.IntStream.range(0, rows.length)
                    .parallel()
                    .forEach(j -> rows[j] = profile.row(shipments.get(first + j), price.apply(first + j)));
            double[] errors = rootErrors(autoencoder, rows);
            for (int j = 0; j < errors.length; j++) {
                receiver.accept(first + j, Math.max(0, (errors[j] - errorMedian) / errorSpread));
            }
        }
    }

    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        autoencoder.save(dir.resolve(NETWORK));
        ModelFiles.write(dir.resolve(FILE), new Saved(profile.saved(), errorMedian, errorSpread));
    }

    /** Whether {@code dir} holds a saved anomaly model. */
    public static boolean savedIn(Path dir) {
        return Files.exists(dir.resolve(FILE));
    }

    public static DeclarationAnomaly load(Path dir) throws IOException {
        var saved = ModelFiles.read(dir.resolve(FILE), Saved.class);
        return new DeclarationAnomaly(
                DeclarationProfile.restore(saved.profile()),
                DenseAutoencoder.load(dir.resolve(NETWORK)),
                saved.errorMedian(),
                saved.errorSpread());
    }

    private static double[] rootErrors(ReconstructionModel model, double[][] rows) {
        double[] errors = model.errors(rows, DeclarationProfile.COLUMNS);
        for (int i = 0; i < errors.length; i++) {
            errors[i] = Math.sqrt(errors[i]);
        }
        return errors;
    }

    private static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n == 0 ? 0 : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
