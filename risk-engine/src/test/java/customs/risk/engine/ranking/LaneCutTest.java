package customs.risk.engine.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LaneCutTest {

    private static final double[] SCORES = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05};

    @Test
    void theRedLaneTakesTheRiskiestShareAndTheYellowLaneTheNext() {
        var cut = LaneCut.byCapacity(SCORES, 0.2, 0.3);

        assertThat(cut).isEqualTo(new LaneCut(0.8, 0.5));
        assertThat(cut.laneOf(0.85)).isEqualTo(Lane.RED);
        assertThat(cut.laneOf(0.8)).isEqualTo(Lane.RED);
        assertThat(cut.laneOf(0.6)).isEqualTo(Lane.YELLOW);
        assertThat(cut.laneOf(0.49)).isEqualTo(Lane.GREEN);
    }

    @Test
    void aTinyShareStillSelectsOneAndAWholeShareSelectsAll() {
        assertThat(LaneCut.byCapacity(SCORES, 0.001, 0).red()).isEqualTo(0.9);
        assertThat(LaneCut.byCapacity(SCORES, 1, 0).red()).isEqualTo(0.05);
    }

    @Test
    void declarationsWithoutAnySignalStayGreenWhateverTheCapacity() {
        double[] mostlyZero = {0.6, 0.3, 0, 0, 0, 0, 0, 0, 0, 0};

        var cut = LaneCut.byCapacity(mostlyZero, 0.5, 0.5);

        assertThat(cut.laneOf(0.3)).isEqualTo(Lane.RED);
        assertThat(cut.laneOf(0)).isEqualTo(Lane.GREEN);
    }

    @Test
    void sharesOutsideZeroToOneAreRefused() {
        assertThatThrownBy(() -> LaneCut.byCapacity(SCORES, 0, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LaneCut.byCapacity(SCORES, 0.6, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RiskSettings(0.7, 0.4, 3, 20, 0, 0, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a redShare");
    }
}
