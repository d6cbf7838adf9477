package customs.risk.engine.learning;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.engine.io.ModelFiles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learned score: calibrated, weighing the rule prior by what it predicts, explained. */
class LearnedScoreTest {

    private static final LearnedScore.Settings FAST = LearnedScore.Settings.DEFAULTS.withTrees(
            new GradientBoostedTrees.Settings(80, 3, 0.1, 5, 2.0, 0.8, 0.8, 32, 1));

    /**
     * Synthetic declarations: 150 importers, each with its own violation rate, a numeric signal that
     * raises the odds, and a rule prior that is either informative or noise.
     */
    private record World(String[] importer, double[] signal, double[] prior, long[] day, int[] y, double[] truth) {

        static World of(int n, long seed, boolean informativePrior, double importerEffect) {
            var random = new SplittableRandom(seed);
            double[] importerLogit = new double[150];
            for (int k = 0; k < importerLogit.length; k++) {
                importerLogit[k] = importerEffect * random.nextGaussian();
            }
            var importer = new String[n];
            double[] signal = new double[n];
            double[] prior = new double[n];
            long[] day = new long[n];
            int[] y = new int[n];
            double[] truth = new double[n];
            for (int i = 0; i < n; i++) {
                int k = random.nextInt(importerLogit.length);
                importer[i] = "IMP" + k;
                signal[i] = random.nextGaussian();
                day[i] = i;
                boolean flagged = random.nextDouble() < 0.1;
                double logit = -2 + importerLogit[k] + 0.8 * signal[i] + (informativePrior && flagged ? 2.5 : 0);
                truth[i] = 1 / (1 + Math.exp(-logit));
                y[i] = random.nextDouble() < truth[i] ? 1 : 0;
                // An informative rule fires on the rows it raises; a noise rule fires at random, as strongly.
                prior[i] = informativePrior ? (flagged ? 0.9 : 0) : (random.nextDouble() < 0.1 ? 0.9 : 0);
            }
            return new World(importer, signal, prior, day, y, truth);
        }

        FeatureTable table() {
            return FeatureTable.builder(importer.length)
                    .categorical("importer", i -> importer[i])
                    .numeric("signal", "signal", i -> signal[i])
                    .prior(i -> prior[i])
                    .build();
        }

        int[] rows(int from, int to) {
            return IntStream.range(from, to).toArray();
        }
    }

    @Test
    void probabilitiesMatchTheViolationRatesObservedInEachReliabilityBin() {
        var world = World.of(12_000, 11, true, 1.0);
        var table = world.table();
        int[] train = world.rows(0, 8_000);
        int[] later = world.rows(8_000, 12_000);

        var fitted = LearnedScore.fit(table.rows(train), pick(world.y(), train), pick(world.day(), train), FAST)
                .orElseThrow();
        double[] p = fitted.model().probabilities(table.rows(later));

        int[] y = pick(world.y(), later);
        int bins = 10;
        double[] predicted = new double[bins];
        double[] observed = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < p.length; i++) {
            int b = Math.min(bins - 1, (int) (p[i] * bins));
            predicted[b] += p[i];
            observed[b] += y[i];
            count[b]++;
        }
        int checked = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] >= 150) {
                checked++;
                double mean = predicted[b] / count[b];
                // Within sampling error of the bin (2.5 standard errors) plus 0.03 of miscalibration.
                double tolerance = 0.03 + 2.5 * Math.sqrt(mean * (1 - mean) / count[b]);
                assertThat(observed[b] / count[b])
                        .as("bin %d: %d declarations predicted %.3f", b, count[b], mean)
                        .isCloseTo(mean, org.assertj.core.data.Offset.offset(tolerance));
            }
        }
        assertThat(checked).as("bins with enough declarations to judge").isGreaterThanOrEqualTo(4);
        // The held-out probabilities of the rows it learnt from are calibrated too: their mean is the rate.
        assertThat(Arrays.stream(fitted.heldOut()).average().orElseThrow())
                .isCloseTo(
                        Arrays.stream(pick(world.y(), train)).average().orElseThrow(),
                        org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void aRuleThatNeverPredictsViolationsLosesItsWeight() {
        var world = World.of(8_000, 12, false, 1.2);
        var fitted =
                LearnedScore.fit(world.table(), world.y(), world.day(), FAST).orElseThrow();

        assertThat(fitted.model().priorWeight())
                .as(fitted.model().backtest().describe())
                .isZero();
        double[] p = fitted.model().probabilities(world.table());
        double flagged = IntStream.range(0, p.length)
                .filter(i -> world.prior()[i] > 0)
                .mapToDouble(i -> p[i])
                .average()
                .orElseThrow();
        double others = IntStream.range(0, p.length)
                .filter(i -> world.prior()[i] == 0)
                .mapToDouble(i -> p[i])
                .average()
                .orElseThrow();
        assertThat(flagged)
                .as("mean probability of the rows the noise rule fired on")
                .isCloseTo(others, org.assertj.core.data.Offset.offset(0.03));
    }

    @Test
    void aRuleThatPredictsViolationsKeepsItsWeightWhereLabelsAreFew() {
        // Few labels, no importer profile to learn: the informative rule is what ranks.
        var world = World.of(600, 13, true, 0.0);
        var fitted =
                LearnedScore.fit(world.table(), world.y(), world.day(), FAST).orElseThrow();

        assertThat(fitted.model().priorWeight())
                .as(fitted.model().backtest().describe())
                .isPositive();
        double[] p = fitted.model().probabilities(world.table());
        double flagged = IntStream.range(0, p.length)
                .filter(i -> world.prior()[i] > 0)
                .mapToDouble(i -> p[i])
                .average()
                .orElseThrow();
        double others = IntStream.range(0, p.length)
                .filter(i -> world.prior()[i] == 0)
                .mapToDouble(i -> p[i])
                .average()
                .orElseThrow();
        assertThat(flagged).isGreaterThan(others + 0.2);
    }

    @Test
    void tooFewLabelsOrViolationsLearnNothing() {
        var world = World.of(40, 14, true, 1.0);
        assertThat(LearnedScore.fit(world.table(), world.y(), world.day(), FAST))
                .isEmpty();
        int[] none = new int[400];
        var many = World.of(400, 15, true, 1.0);
        assertThat(LearnedScore.fit(many.table(), none, many.day(), FAST)).isEmpty();
    }

    @Test
    void aRowIsExplainedByTheSignalsThatMovedItAndTheEffectsAddUp() {
        var world = World.of(8_000, 16, true, 1.5);
        var model = LearnedScore.fit(world.table(), world.y(), world.day(), FAST)
                .orElseThrow()
                .model();
        double[] p = model.probabilities(world.table());
        int riskiest = IntStream.range(0, p.length)
                .boxed()
                .max((a, b) -> Double.compare(p[a], p[b]))
                .orElseThrow();

        var explained = model.explain(world.table(), riskiest);
        var contributions = explained.effects();

        assertThat(explained.probability()).isCloseTo(p[riskiest], org.assertj.core.data.Offset.offset(1e-9));
        double sum = contributions.stream()
                .mapToDouble(LearnedScore.Contribution::probability)
                .sum();
        assertThat(sum).isCloseTo(p[riskiest] - model.typicalProbability(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(contributions.getFirst().probability()).isPositive();
        assertThat(contributions)
                .extracting(LearnedScore.Contribution::group)
                .containsAnyOf("importer", "signal", LearnedScore.RULES);
        var profile = model.profile("importer").orElseThrow();
        assertThat(profile.count(world.importer()[riskiest])).isPositive();
    }

    @Test
    void explainingEveryRowGivesTheScoresOfScoringThemAndEachRowsStrongestEffects() {
        var world = World.of(4_000, 18, true, 1.5);
        var model = LearnedScore.fit(world.table(), world.y(), world.day(), FAST)
                .orElseThrow()
                .model();
        double[] p = model.probabilities(world.table());

        var all = model.explainAll(world.table(), 2, 0.01);

        assertThat(all.probabilities()).containsExactly(p);
        for (int i = 0; i < p.length; i += 97) {
            var one = model.explain(world.table(), i).effects().stream()
                    .filter(c -> Math.abs(c.probability()) >= 0.01)
                    .limit(2)
                    .toList();
            assertThat(all.effects(i))
                    .extracting(LearnedScore.Contribution::group)
                    .containsExactlyElementsOf(
                            one.stream().map(LearnedScore.Contribution::group).toList());
            for (int k = 0; k < one.size(); k++) {
                assertThat(all.effects(i).get(k).probability())
                        .isCloseTo(one.get(k).probability(), org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    @Test
    void aSavedModelScoresAsTheOneItWasSavedFrom(@TempDir Path dir) throws Exception {
        var world = World.of(3_000, 17, true, 1.0);
        var model = LearnedScore.fit(world.table(), world.y(), world.day(), FAST)
                .orElseThrow()
                .model();
        var file = dir.resolve("model.json");
        ModelFiles.write(file, model.saved());

        var read = LearnedScore.Model.restore(ModelFiles.read(file, LearnedScore.Model.Saved.class));

        assertThat(read.probabilities(world.table())).containsExactly(model.probabilities(world.table()));
        assertThat(read.backtest().describe()).isEqualTo(model.backtest().describe());
    }

    private static int[] pick(int[] values, int[] rows) {
        return Arrays.stream(rows).map(i -> values[i]).toArray();
    }

    private static long[] pick(long[] values, int[] rows) {
        return Arrays.stream(rows).mapToLong(i -> values[i]).toArray();
    }
}
