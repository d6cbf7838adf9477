package customs.risk.engine.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The evaluation arithmetic on a tiny case worked out by hand. */
class RankingMetricsTest {

    // Ten items, riskiest first by score: labels 1,0,1,1,0,0,0,1,0,0 (4 violations).
    private static final double[] SCORES = {0.95, 0.90, 0.85, 0.80, 0.70, 0.60, 0.50, 0.40, 0.30, 0.20};
    private static final int[] LABELS = {1, 0, 1, 1, 0, 0, 0, 1, 0, 0};
    private static final double[] REVENUE = {100, 0, 50, 30, 0, 0, 0, 20, 0, 0};

    @Test
    void precisionRecallAndRevenueAtShares() {
        // 20% of 10 = the top 2: one violation of two, one of four, 100 of 200.
        assertThat(RankingMetrics.precisionAt(SCORES, LABELS, 0.2)).isEqualTo(0.5);
        assertThat(RankingMetrics.recallAt(SCORES, LABELS, 0.2)).isEqualTo(0.25);
        assertThat(RankingMetrics.revenueAt(SCORES, REVENUE, 0.2)).isEqualTo(0.5);
        // 40%: the top 4 hold three violations worth 180.
        assertThat(RankingMetrics.precisionAt(SCORES, LABELS, 0.4)).isEqualTo(0.75);
        assertThat(RankingMetrics.recallAt(SCORES, LABELS, 0.4)).isEqualTo(0.75);
        assertThat(RankingMetrics.revenueAt(SCORES, REVENUE, 0.4)).isCloseTo(0.9, within(1e-12));
        // Everything inspected: precision is the base rate, recall is complete.
        assertThat(RankingMetrics.precisionAt(SCORES, LABELS, 1.0)).isEqualTo(0.4);
        assertThat(RankingMetrics.recallAt(SCORES, LABELS, 1.0)).isEqualTo(1.0);
    }

    @Test
    void averagePrecisionAveragesThePrecisionAtEachViolation() {
        // Violations at ranks 1, 3, 4 and 8: (1/1 + 2/3 + 3/4 + 4/8) / 4.
        assertThat(RankingMetrics.averagePrecision(SCORES, LABELS))
                .isCloseTo((1.0 + 2.0 / 3 + 3.0 / 4 + 4.0 / 8) / 4, within(1e-12));
        assertThat(RankingMetrics.averagePrecision(SCORES, new int[10])).isNaN();
    }

    @Test
    void orderOfInputDoesNotMatterOnlyScores() {
        double[] shuffledScores = {0.30, 0.95, 0.50, 0.85, 0.20, 0.90, 0.60, 0.80, 0.40, 0.70};
        int[] shuffledLabels = {0, 1, 0, 1, 0, 0, 0, 1, 1, 0};

        assertThat(RankingMetrics.precisionAt(shuffledScores, shuffledLabels, 0.4))
                .isEqualTo(0.75);
    }

    @Test
    void atLeastOneItemIsInspectedAndSharesAreChecked() {
        assertThat(RankingMetrics.inspected(10, 0.01)).isEqualTo(1);
        assertThat(RankingMetrics.precisionAt(SCORES, LABELS, 0.01)).isEqualTo(1.0);
        assertThatThrownBy(() -> RankingMetrics.inspected(10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RankingMetrics.inspected(10, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
