package customs.risk.engine.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PlattScalingTest {

    @Test
    void recoversTheSlopeAndInterceptThatMadeTheOutcomes() {
        var random = new SplittableRandom(5);
        int n = 40_000;
        double[] scores = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            scores[i] = 2 * random.nextGaussian();
            labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-(0.7 * scores[i] - 1.5))) ? 1 : 0;
        }

        var platt = PlattScaling.fit(scores, labels);

        assertThat(platt.slope()).isCloseTo(0.7, Offset.offset(0.05));
        assertThat(platt.intercept()).isCloseTo(-1.5, Offset.offset(0.08));
        assertThat(platt.probability(0)).isCloseTo(1 / (1 + Math.exp(1.5)), Offset.offset(0.02));
    }

    @Test
    void separableScoresGiveASteepButFiniteMonotoneCurve() {
        double[] scores = {-3, -2, -1, 1, 2, 3};
        int[] labels = {0, 0, 0, 1, 1, 1};

        var platt = PlattScaling.fit(scores, labels);

        assertThat(platt.slope()).isPositive().isLessThan(50);
        assertThat(platt.probability(3)).isGreaterThan(platt.probability(1)).isLessThan(1);
        assertThat(platt.probability(-3)).isGreaterThan(0);
    }
}
