package customs.risk.engine.learning;

import customs.risk.engine.trade.Shipment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
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

    /**
     * A fitted model, to be kept and applied to declarations that come later.
     *
     * @param trees the boosted trees
     * @param profiles the risk profiles, one encoder per entry of {@code PROFILES}
     * @param ruleWidth how many rule signals each row carries
     * @param outOfFold per inspected declaration it learnt from, what a model that never saw its
     *     outcome said (cross-fitting), so its score says what the model would have said before
     * @param inspections inspected declarations it learnt from
     * @param violationRate share of them with a violation
     */
    public record Model(GradientBoostedTrees trees, List<TargetEncoder> profiles, int ruleWidth,
            Map<String, Double> outOfFold, int inspections, double violationRate) {

        /** Violation probability per row; {@code ruleSignals} as in fitting, missing rows count as zeros. */
        public Map<String, Double> predict(List<Shipment> rows, Map<String, double[]> ruleSignals) {
            double[][] x = features(profiles, null, rows, ruleSignals, ruleWidth);
            var probability = new HashMap<String, Double>(rows.size() * 2);
            for (int i = 0; i < rows.size(); i++) {
                String id = rows.get(i).declarationId();
                Double held = outOfFold.get(id);
                probability.put(id, held != null ? held : trees.predict(x[i]));
            }
            return probability;
        }

        public void write(Writer out) throws IOException {
            out.write("inspection-model\t" + ruleWidth + "\t" + inspections + "\t" + violationRate + "\t"
                    + outOfFold.size() + "\n");
            for (var e : outOfFold.entrySet()) {
                out.write(e.getKey() + "\t" + e.getValue() + "\n");
            }
            for (TargetEncoder encoder : profiles) {
                encoder.write(out);
            }
            trees.write(out);
        }

        public static Model read(BufferedReader in) throws IOException {
            String[] head = in.readLine().split("\t");
            if (!head[0].equals("inspection-model")) {
                throw new IOException("not an inspection model");
            }
            int held = Integer.parseInt(head[4]);
            var outOfFold = new HashMap<String, Double>(held * 2);
            for (int i = 0; i < held; i++) {
                String[] f = in.readLine().split("\t");
                outOfFold.put(f[0], Double.parseDouble(f[1]));
            }
            var profiles = new ArrayList<TargetEncoder>();
            for (int k = 0; k < PROFILES.size(); k++) {
                profiles.add(TargetEncoder.read(in));
            }
            return new Model(GradientBoostedTrees.read(in), profiles, Integer.parseInt(head[1]), outOfFold,
                    Integer.parseInt(head[2]), Double.parseDouble(head[3]));
        }
    }

    private InspectionLearner() {}

    /** Fits a model and applies it to every shipment at once. */
    public static Optional<Learned> learn(List<Shipment> shipments, Map<String, Boolean> violations,
            Map<String, double[]> ruleSignals, GradientBoostedTrees.Settings settings) {
        return fit(shipments, violations, ruleSignals, settings).map(model -> new Learned(
                model.predict(shipments, ruleSignals), model.inspections(), model.violationRate()));
    }

    /**
     * @param ruleSignals per declaration, the rule-based features (e.g. price strength, loop strength,
     *     trader scores), all arrays of the same length
     * @return the model, or empty when inspections are too few or all alike
     */
    public static Optional<Model> fit(List<Shipment> shipments, Map<String, Boolean> violations,
            Map<String, double[]> ruleSignals, GradientBoostedTrees.Settings settings) {
        var inspected = new ArrayList<Shipment>();
        for (Shipment s : shipments) {
            if (violations.containsKey(s.declarationId())) {
                inspected.add(s);
            }
        }
        int[] y = inspected.stream().mapToInt(s -> violations.get(s.declarationId()) ? 1 : 0).toArray();
        int positives = Arrays.stream(y).sum();
        if (inspected.size() < MIN_INSPECTIONS || positives < MIN_VIOLATIONS || positives == inspected.size()) {
            return Optional.empty();
        }
        int width = ruleSignals.values().stream().findFirst().map(a -> a.length).orElse(0);
        var profiles = profiles(inspected, y);
        var trees = GradientBoostedTrees.fit(features(profiles, outOfFoldProfiles(inspected, y), inspected,
                ruleSignals, width), y, settings);
        // An inspected declaration is scored by a model that never saw its outcome (cross-fitting),
        // so that its score says what the model would have said before the inspection.
        var outOfFold = new HashMap<String, Double>();
        int[] fold = new int[inspected.size()];
        var random = new SplittableRandom(settings.seed());
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
            if (heldOut.isEmpty() || Arrays.stream(yk).sum() == 0) {
                continue;
            }
            var foldProfiles = profiles(trainRows, yk);
            var foldTrees = GradientBoostedTrees.fit(features(foldProfiles, outOfFoldProfiles(trainRows, yk),
                    trainRows, ruleSignals, width), yk, settings);
            double[][] x = features(foldProfiles, null, heldOut, ruleSignals, width);
            for (int i = 0; i < heldOut.size(); i++) {
                outOfFold.put(heldOut.get(i).declarationId(), foldTrees.predict(x[i]));
            }
        }
        return Optional.of(new Model(trees, profiles, width, outOfFold, inspected.size(),
                (double) positives / inspected.size()));
    }

    private static List<TargetEncoder> profiles(List<Shipment> history, int[] y) {
        var encoders = new ArrayList<TargetEncoder>();
        for (var profile : PROFILES) {
            encoders.add(TargetEncoder.fit(history.stream().map(profile).toArray(String[]::new), y,
                    TargetEncoder.SMOOTHING_DEFAULT));
        }
        return encoders;
    }

    /** For training rows: each row's profiles from the other folds only, so it never sees its own label. */
    private static double[][] outOfFoldProfiles(List<Shipment> history, int[] y) {
        double[][] own = new double[PROFILES.size()][];
        for (int k = 0; k < PROFILES.size(); k++) {
            own[k] = TargetEncoder.outOfFold(history.stream().map(PROFILES.get(k)).toArray(String[]::new), y, 5,
                    TargetEncoder.SMOOTHING_DEFAULT, 31 + k);
        }
        return own;
    }

    /**
     * @param ownProfiles out-of-fold encodings per profile for training rows, null for rows to predict
     */
    private static double[][] features(List<TargetEncoder> profiles, double[][] ownProfiles, List<Shipment> rows,
            Map<String, double[]> ruleSignals, int width) {
        int p = PROFILES.size();
        double[][] x = new double[rows.size()][2 * p + width + 3];
        for (int k = 0; k < p; k++) {
            var profile = PROFILES.get(k);
            var encoder = profiles.get(k);
            for (int i = 0; i < rows.size(); i++) {
                String value = profile.apply(rows.get(i));
                x[i][2 * k] = ownProfiles != null ? ownProfiles[k][i] : encoder.encode(value);
                x[i][2 * k + 1] = Math.log1p(encoder.count(value));
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            var s = rows.get(i);
            double[] rules = ruleSignals.get(s.declarationId());
            if (rules != null) {
                System.arraycopy(rules, 0, x[i], 2 * p, width);
            }
            x[i][2 * p + width] = Math.log(s.quantity());
            x[i][2 * p + width + 1] = Double.isNaN(s.valueUsd()) ? Double.NaN : Math.log1p(s.valueUsd());
            x[i][2 * p + width + 2] = s.unitValueUsd() > 0 ? Math.log(s.unitValueUsd()) : Double.NaN;
        }
        return x;
    }
}
