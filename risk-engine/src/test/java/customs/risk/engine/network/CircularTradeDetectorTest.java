package customs.risk.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import customs.risk.engine.trade.Shipment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CircularTradeDetectorTest {

    private static final LocalDate START = LocalDate.of(2024, 1, 10);
    private final List<Shipment> shipments = new ArrayList<>();
    private int serial;

    @Test
    void aThreeCompanyLoopRepeatedThreeTimesIsFoundOnceWithItsInflation() {
        for (int round = 0; round < 3; round++) {
            int day = round * 60;
            ship("A", "B", "847130", day, 100, 10_000);
            ship("B", "C", "847130", day + 10, 100, 11_000);
            ship("C", "A", "847150", day + 20, 98, 12_000);
        }

        var loops = new CircularTradeDetector().detect(shipments, ControlGroups.none());

        assertThat(loops).singleElement().satisfies(loop -> {
            assertThat(loop.companies()).containsExactly("A", "B", "C");
            assertThat(loop.hs4()).isEqualTo("8471");
            assertThat(loop.rounds()).isEqualTo(3);
            assertThat(loop.valueInflation()).isEqualTo(1.2);
            assertThat(loop.closedByControlLink()).isFalse();
            assertThat(loop.declarationIds()).hasSize(9);
            assertThat(loop.describe()).contains("3-company loop", "HS 8471", "3 times", "x1.20");
        });
    }

    @Test
    void aLoopMayCloseThroughASharedDirector() {
        // A exports to F abroad; F sells the goods to B; A and B share a director.
        for (int round = 0; round < 2; round++) {
            ship("A", "F", "610910", round * 90, 5_000, 20_000);
            ship("F", "B", "610910", round * 90 + 30, 5_000, 31_000);
        }
        var control = ControlGroups.of(Map.of("director:P1", List.of("A", "B")), ControlGroups.MAX_SHARING_DEFAULT);

        assertThat(new CircularTradeDetector().detect(shipments, ControlGroups.none())).isEmpty();
        assertThat(new CircularTradeDetector().detect(shipments, control)).singleElement().satisfies(loop -> {
            assertThat(loop.closedByControlLink()).isTrue();
            assertThat(loop.companies()).containsExactlyInAnyOrder("A", "F", "B");
            assertThat(loop.valueInflation()).isEqualTo(1.55);
        });
    }

    @Test
    void bilateralTradeInDifferentGoodsIsNoLoop() {
        IntStream.range(0, 6).forEach(i -> {
            ship("A", "B", "847130", i * 30, 100, 10_000);
            ship("B", "A", "610910", i * 30 + 5, 100, 2_000);
        });

        assertThat(new CircularTradeDetector().detect(shipments, ControlGroups.none())).isEmpty();
    }

    @Test
    void aOneOffSmallReturnIsNoLoop() {
        IntStream.range(0, 5).forEach(i -> ship("A", "B", "940360", i * 30, 1_000, 50_000));
        ship("B", "A", "940360", 40, 20, 1_000);

        assertThat(new CircularTradeDetector().detect(shipments, ControlGroups.none())).isEmpty();
    }

    @Test
    void aSingleFullReturnIsNotEnoughButARepeatedOneIs() {
        ship("A", "B", "940360", 0, 1_000, 50_000);
        ship("B", "A", "940360", 20, 1_000, 50_000);
        assertThat(new CircularTradeDetector().detect(shipments, ControlGroups.none())).isEmpty();

        ship("A", "B", "940360", 100, 1_000, 50_000);
        ship("B", "A", "940360", 120, 1_000, 60_000);
        assertThat(new CircularTradeDetector().detect(shipments, ControlGroups.none()))
                .singleElement().satisfies(loop -> assertThat(loop.rounds()).isEqualTo(2));
    }

    @Test
    void legsFurtherApartThanTheWindowAreNoRound() {
        for (int round = 0; round < 3; round++) {
            ship("A", "B", "300490", round * 400, 100, 10_000);
            ship("B", "A", "300490", round * 400 + CircularTradeDetector.WINDOW_DAYS_DEFAULT + 5, 100, 10_000);
        }

        assertThat(new CircularTradeDetector().detect(shipments, ControlGroups.none())).isEmpty();
    }

    @Test
    void roundsAreCountedFromWhoeverSentTheGoodsFirst() {
        for (int round = 0; round < 3; round++) {
            ship("B", "A", "300490", round * 60, 100, 10_000);
            ship("A", "B", "300490", round * 60 + 90, 100, 10_000);
        }
        // Read from A only one round closes in time; read from B, who sends first, all three do.
        var loops = new CircularTradeDetector().detect(shipments, ControlGroups.none());
        assertThat(loops).singleElement().satisfies(loop -> {
            assertThat(loop.rounds()).isEqualTo(3);
            assertThat(loop.companies()).containsExactly("B", "A");
        });
    }

    @Test
    void aRegisteredAgentsAddressDoesNotMergeItsTenants() {
        var tenants = IntStream.range(0, 30).mapToObj(i -> "T" + i).toList();
        var control = ControlGroups.of(Map.of("address:1 AGENT ST", tenants), ControlGroups.MAX_SHARING_DEFAULT);
        for (int round = 0; round < 3; round++) {
            ship("T1", "F", "610910", round * 90, 5_000, 20_000);
            ship("F", "T2", "610910", round * 90 + 30, 5_000, 31_000);
        }

        assertThat(control.sameParty("T1", "T2")).isFalse();
        assertThat(new CircularTradeDetector().detect(shipments, control)).isEmpty();
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new CircularTradeDetector(1, 180, 1.5, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircularTradeDetector(4, 0, 1.5, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircularTradeDetector(4, 180, 0.5, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircularTradeDetector(4, 180, 1.5, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private void ship(String seller, String buyer, String hs, int day, double quantity, double value) {
        shipments.add(new Shipment("D" + (++serial), START.plusDays(day), seller, buyer, hs, "CN", quantity, "PCS",
                value));
    }
}
