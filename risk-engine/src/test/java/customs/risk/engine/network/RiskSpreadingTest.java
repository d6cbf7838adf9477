package customs.risk.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import customs.risk.engine.network.RiskSpreading.Link;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskSpreadingTest {

    @Test
    void aNeighbourOfAnOffenderRisesMoreThanOneTwoLinksAway() {
        // OFFENDER - NEAR - FAR - FARTHER, and an unrelated pair.
        var links = List.of(
                new Link("OFFENDER", "NEAR", 10),
                new Link("NEAR", "FAR", 10),
                new Link("FAR", "FARTHER", 10),
                new Link("X", "Y", 10));

        var spread = new RiskSpreading(RiskSpreading.DAMPING_DEFAULT).spread(Map.of("OFFENDER", 1.0), links);

        assertThat(spread.get("NEAR").score()).isGreaterThan(spread.get("FAR").score());
        assertThat(spread.get("FAR").score())
                .isGreaterThan(spread.get("FARTHER").score());
        assertThat(spread.get("NEAR").via()).isEqualTo("OFFENDER");
        assertThat(spread.get("FAR").via()).isEqualTo("NEAR");
        assertThat(spread).doesNotContainKeys("OFFENDER", "X", "Y");
        assertThat(spread.values()).allSatisfy(s -> assertThat(s.score()).isBetween(0.0, 1.0));
    }

    @Test
    void heavierLinksCarryMoreRisk() {
        var links = List.of(new Link("OFFENDER", "BIG_PARTNER", 50), new Link("OFFENDER", "ONE_OFF", 1));

        var spread = new RiskSpreading(RiskSpreading.DAMPING_DEFAULT).spread(Map.of("OFFENDER", 1.0), links);

        assertThat(spread.get("BIG_PARTNER").score())
                .isGreaterThan(10 * spread.get("ONE_OFF").score());
    }

    @Test
    void noSeedsNoSpreadAndDampingIsChecked() {
        assertThat(new RiskSpreading(0.5).spread(Map.of(), List.of(new Link("A", "B", 1))))
                .isEmpty();
        assertThatThrownBy(() -> new RiskSpreading(1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
