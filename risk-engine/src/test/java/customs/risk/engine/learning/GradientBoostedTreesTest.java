package customs.risk.engine.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GradientBoostedTreesTest {

    @Test
    void learnsAnInteractionThatNoSingleFeatureShows() {
        // y = 1 when x0 and x1 have the same sign (XOR-like); x2 is noise; some x1 missing.
        var random = new Random(5);
        int n = 4_000;
        double[][] x = new double[n][3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = random.nextGaussian();
            x[i][1] = random.nextDouble() < 0.05 ? Double.NaN : random.nextGaussian();
            x[i][2] = random.nextGaussian();
            y[i] = Double.isNaN(x[i][1]) ? 1 : (x[i][0] > 0) == (x[i][1] > 0) ? 1 : 0;
        }
        var settings = new GradientBoostedTrees.Settings(100, 3, 0.2, 1, 1, 0.8, 1.0, 32, 3);

        var model = GradientBoostedTrees.fit(x, y, settings);

        assertThat(model.predict(new double[] {1.5, 1.2, 0})).isGreaterThan(0.9);
        assertThat(model.predict(new double[] {-1.5, -1.2, 0})).isGreaterThan(0.9);
        assertThat(model.predict(new double[] {1.5, -1.2, 0})).isLessThan(0.1);
        assertThat(model.predict(new double[] {-0.7, Double.NaN, 0})).isGreaterThan(0.8);
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = model.predict(x[i]);
        }
        assertThat(RankingMetrics.precisionAt(scores, y, 0.3)).isGreaterThan(0.97);
    }

    @Test
    void theSameSeedGivesTheSameModel() {
        var random = new Random(1);
        double[][] x = new double[500][2];
        int[] y = new int[500];
        for (int i = 0; i < 500; i++) {
            x[i][0] = random.nextGaussian();
            x[i][1] = random.nextGaussian();
            y[i] = x[i][0] + 0.5 * random.nextGaussian() > 0 ? 1 : 0;
        }
        var a = GradientBoostedTrees.fit(x, y, GradientBoostedTrees.Settings.DEFAULTS);
        var b = GradientBoostedTrees.fit(x, y, GradientBoostedTrees.Settings.DEFAULTS);

        assertThat(a.predict(new double[] {0.3, -1})).isEqualTo(b.predict(new double[] {0.3, -1}));
        assertThatThrownBy(() -> a.predict(new double[] {1})).isInstanceOf(IllegalArgumentException.class);
    }
}
