package customs.risk.engine.learning;

import customs.risk.engine.trade.Shipment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Learns from inspection outcomes: a gradient-boosted model over the rule signals of each
 * declaration and the risk profiles (smoothed past violation rates, out of fold for the inspected
 * rows) of its importer, seller, broker, goods, origin and office, trained on the declarations that
 * were inspected and applied to all. Needs at least {@link #MIN_INSPECTIONS} inspections with
 * {@link #MIN_VIOLATIONS} violations; otherwise it abstains.
 *
 * <p>O(n) features plus the boosting cost ({@link GradientBoostedTrees}).
 */
public final class InspectionLearner {

    public static final int MIN_INSPECTIONS = 50;
    public static final int MIN_VIOLATIONS = 10;
    static final int FOLDS = 5;
    /**
     * Shallow, strongly regularized trees: inspections are few (a few percent of declarations), and
     * deeper models learnt the quirks of single traders rather than their records.
     */
    public static final GradientBoostedTrees.Settings SETTINGS_DEFAULT =
            new GradientBoostedTrees.Settings(150, 3, 0.05, 10, 5.0, 0.8, 0.8, 32, 1);

    private static final List<Function<Shipment, String>> PROFILES = List.of(
            Shipment::buyerId, Shipment::sellerId, s -> String.valueOf(s.declarantId()), Shipment::hs6,
            Shipment::hs4, Shipment::originCountry, s -> String.valueOf(s.officeCode()),
            s -> s.buyerId() + "|" + s.hs6(), s -> s.sellerId() + "|" + s.buyerId());

    /**
     * What the model says.
     *
     * @param probability violation probability per declaration id
     * @param inspections inspected declarations it learnt from
     * @param violationRate share of them with a violation (the base rate)
     */
    public record Learned(Map<String, Double> probability, int inspections, double violationRate) {}

    private InspectionLearner() {}

    /**
     * @param ruleSignals per declaration, the rule-based features (e.g. price strength, loop strength,
     *     trader scores), all arrays of the same length
     */
    public static Optional<Learned> learn(List<Shipment> shipments, Map<String, Boolean> violations,
            Map<String, double[]> ruleSignals, GradientBoostedTrees.Settings settings) {
        var inspected = new ArrayList<Shipment>();
        for (Shipment s : shipments) {
            if (violations.containsKey(s.declarationId())) {
                inspected.add(s);
            }
        }
        int[] y = inspected.stream().mapToInt(s -> violations.get(s.declarationId()) ? 1 : 0).toArray();
        int positives = java.util.Arrays.stream(y).sum();
        if (inspected.size() < MIN_INSPECTIONS || positives < MIN_VIOLATIONS || positives == inspected.size()) {
            return Optional.empty();
        }
        var probability = new HashMap<String, Double>();
        var model = GradientBoostedTrees.fit(features(inspected, inspected, y, ruleSignals, true), y, settings);
        double[][] all = features(inspected, shipments, y, ruleSignals, false);
        for (int i = 0; i < shipments.size(); i++) {
            probability.put(shipments.get(i).declarationId(), model.predict(all[i]));
        }
        // An inspected declaration is scored by a model that never saw its outcome (cross-fitting),
        // so that its score says what the model would have said before the inspection.
        int[] fold = new int[inspected.size()];
        var random = new java.util.SplittableRandom(settings.seed());
        for (int i = 0; i < fold.length; i++) {
            fold[i] = random.nextInt(FOLDS);
        }
        for (int k = 0; k < FOLDS; k++) {
            var trainRows = new ArrayList<Shipment>();
            var heldOut = new ArrayList<Shipment>();
            var trainLabels = new ArrayList<Integer>();
            for (int i = 0; i < fold.length; i++) {
                if (fold[i] == k) {
                    heldOut.add(inspected.get(i));
                } else {
                    trainRows.add(inspected.get(i));
                    trainLabels.add(y[i]);
                }
            }
            int[] yk = trainLabels.stream().mapToInt(Integer::intValue).toArray();
            if (heldOut.isEmpty() || java.util.Arrays.stream(yk).sum() == 0) {
                continue;
            }
            var foldModel = GradientBoostedTrees.fit(features(trainRows, trainRows, yk, ruleSignals, true), yk,
                    settings);
            double[][] x = features(trainRows, heldOut, yk, ruleSignals, false);
            for (int i = 0; i < heldOut.size(); i++) {
                probability.put(heldOut.get(i).declarationId(), foldModel.predict(x[i]));
            }
        }
        return Optional.of(new Learned(probability, inspected.size(), (double) positives / inspected.size()));
    }

    private static double[][] features(List<Shipment> history, List<Shipment> rows, int[] y,
            Map<String, double[]> ruleSignals, boolean outOfFold) {
        int width = ruleSignals.values().stream().findFirst().map(a -> a.length).orElse(0);
        int p = PROFILES.size();
        double[][] x = new double[rows.size()][2 * p + width + 3];
        for (int k = 0; k < p; k++) {
            var profile = PROFILES.get(k);
            String[] known = history.stream().map(profile).toArray(String[]::new);
            var encoder = TargetEncoder.fit(known, y, TargetEncoder.SMOOTHING_DEFAULT);
            double[] own = outOfFold ? TargetEncoder.outOfFold(known, y, 5, TargetEncoder.SMOOTHING_DEFAULT, 31 + k)
                    : null;
            for (int i = 0; i < rows.size(); i++) {
                String value = profile.apply(rows.get(i));
                x[i][2 * k] = outOfFold ? own[i] : encoder.encode(value);
                x[i][2 * k + 1] = Math.log1p(encoder.count(value));
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            var s = rows.get(i);
            double[] rules = ruleSignals.getOrDefault(s.declarationId(), new double[width]);
            System.arraycopy(rules, 0, x[i], 2 * p, width);
            x[i][2 * p + width] = Math.log(s.quantity());
            x[i][2 * p + width + 1] = Double.isNaN(s.valueUsd()) ? Double.NaN : Math.log1p(s.valueUsd());
            x[i][2 * p + width + 2] = s.unitValueUsd() > 0 ? Math.log(s.unitValueUsd()) : Double.NaN;
        }
        return x;
    }
}
