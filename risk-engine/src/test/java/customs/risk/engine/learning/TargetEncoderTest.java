package customs.risk.engine.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TargetEncoderTest {

    @Test
    void ratesAreSmoothedTowardsTheOverallRate() {
        String[] importers = {"A", "A", "A", "A", "B", "B", "B", "B", "B", "B"};
        int[] violations = {1, 1, 1, 1, 0, 0, 0, 0, 0, 0};

        var encoder = TargetEncoder.fit(importers, violations, 2);

        // prior 0.4; A: (4 + 2*0.4) / (4 + 2) = 0.8; B: (0 + 0.8) / (6 + 2) = 0.1
        assertThat(encoder.encode("A")).isCloseTo(0.8, within(1e-12));
        assertThat(encoder.encode("B")).isCloseTo(0.1, within(1e-12));
        assertThat(encoder.encode("never seen")).isCloseTo(0.4, within(1e-12));
        assertThat(encoder.count("A")).isEqualTo(4);
    }

    @Test
    void outOfFoldEncodingNeverSeesTheRowsOwnLabel() {
        // Every category appears once: its own label is all there is to learn from it.
        int n = 200;
        String[] unique = new String[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            unique[i] = "C" + i;
            y[i] = i % 2;
        }

        double[] encoded = TargetEncoder.outOfFold(unique, y, 5, 20, 1);

        // In sample, the encoding would give the label away; out of fold it says nothing about it.
        var inSample = TargetEncoder.fit(unique, y, 20);
        double leak = 0;
        double honest = 0;
        for (int i = 0; i < n; i++) {
            double sign = y[i] == 1 ? 1.0 / (n / 2) : -1.0 / (n / 2);
            leak += sign * inSample.encode(unique[i]);
            honest += sign * encoded[i];
            assertThat(encoded[i]).isBetween(0.35, 0.65);
        }
        assertThat(leak).isGreaterThan(0.04);
        assertThat(Math.abs(honest)).isLessThan(0.02);
    }
}
