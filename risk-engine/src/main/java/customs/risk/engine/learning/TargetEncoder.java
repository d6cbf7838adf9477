package customs.risk.engine.learning;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Risk profiles: the smoothed past violation rate of a category (an importer, a broker, an HS code,
 * an office), (violations + m · prior) / (inspections + m), so that a category seen twice does not
 * jump to 0 or 1 (Micci-Barreca, "A preprocessing scheme for high-cardinality categorical
 * attributes", SIGKDD Explorations 2001). For training rows, {@link #outOfFold} encodes each row
 * with statistics that exclude its own fold, so the model never sees its own label through it.
 *
 * <p>Fitting is O(n); encoding is O(1).
 */
public final class TargetEncoder {

    public static final double SMOOTHING_DEFAULT = 20;

    private final Map<String, double[]> stats;
    private final double prior;
    private final double smoothing;

    private TargetEncoder(Map<String, double[]> stats, double prior, double smoothing) {
        this.stats = stats;
        this.prior = prior;
        this.smoothing = smoothing;
    }

    public static TargetEncoder fit(String[] values, int[] y, double smoothing) {
        var stats = new HashMap<String, double[]>();
        double positives = 0;
        for (int i = 0; i < values.length; i++) {
            var s = stats.computeIfAbsent(values[i], k -> new double[2]);
            s[0] += y[i];
            s[1]++;
            positives += y[i];
        }
        return new TargetEncoder(stats, values.length == 0 ? 0 : positives / values.length, smoothing);
    }

    /** Smoothed violation rate of {@code value}; the overall rate for a value never seen. */
    public double encode(String value) {
        var s = stats.get(value);
        return s == null ? prior : (s[0] + smoothing * prior) / (s[1] + smoothing);
    }

    /**
     * The smoothed rate and the count of {@code value} in one lookup, into {@code into[offset]} and
     * {@code into[offset + 1]} (the count as log(1 + count)).
     */
    public void encodeInto(String value, double[] into, int offset) {
        var s = stats.get(value);
        into[offset] = s == null ? prior : (s[0] + smoothing * prior) / (s[1] + smoothing);
        into[offset + 1] = s == null ? 0 : Math.log1p(s[1]);
    }

    /** How many of the rows with {@code value} were positive (violations) in fitting. */
    public double positives(String value) {
        var s = stats.get(value);
        return s == null ? 0 : s[0];
    }

    /** How often {@code value} was seen in fitting. */
    public double count(String value) {
        var s = stats.get(value);
        return s == null ? 0 : s[1];
    }

    /**
     * The encoder as a file keeps it.
     *
     * @param stats per category: violations, count
     */
    public record Saved(double prior, double smoothing, Map<String, double[]> stats) {}

    public Saved saved() {
        return new Saved(prior, smoothing, stats);
    }

    /** The encoder {@link #saved} describes. */
    public static TargetEncoder restore(Saved saved) {
        return new TargetEncoder(new HashMap<>(saved.stats()), saved.prior(), saved.smoothing());
    }

    /** Encodings of training rows, each from the other {@code folds - 1} folds only. */
    public static double[] outOfFold(String[] values, int[] y, int folds, double smoothing, long seed) {
        int n = values.length;
        int[] fold = new int[n];
        var random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            fold[i] = random.nextInt(folds);
        }
        double[] encoded = new double[n];
        for (int k = 0; k < folds; k++) {
            var stats = new HashMap<String, double[]>();
            double positives = 0;
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (fold[i] != k) {
                    var s = stats.computeIfAbsent(values[i], v -> new double[2]);
                    s[0] += y[i];
                    s[1]++;
                    positives += y[i];
                    count++;
                }
            }
            var encoder = new TargetEncoder(stats, count == 0 ? 0 : positives / count, smoothing);
            for (int i = 0; i < n; i++) {
                if (fold[i] == k) {
                    encoded[i] = encoder.encode(values[i]);
                }
            }
        }
        return encoded;
    }
}
