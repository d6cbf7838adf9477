package customs.risk.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import customs.risk.engine.trade.Shipment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CircularTradeDetectorTest {

    private static final LocalDate START = LocalDate.of(2024, 1, 10);
    /** Consignments of one carousel: each round moves its own lot. */
    private static final double[] LOTS = {120, 310, 75, 560, 205, 430, 260};

    private final List<Shipment> shipments = new ArrayList<>();
    private int serial;

    @Test
    void aThreeCompanyLoopRepeatedThreeTimesIsFoundOnceWithItsInflation() {
        for (int round = 0; round < 3; round++) {
            int day = round * 150;
            ship("A", "B", "847130", day, LOTS[round], 10_000);
            ship("B", "C", "847130", day + 10, LOTS[round], 11_000);
            ship("C", "A", "847150", day + 20, LOTS[round] * 0.98, 12_000);
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
    void aGenuineLoopIsFoundWithFarFewerRoundsExpectedByChance() {
        int[] returnAfter = {12, 25, 18, 29, 11};
        for (int round = 0; round < 5; round++) {
            int day = round * 150;
            ship("A", "B", "847130", day, LOTS[round], 10_000);
            ship("B", "A", "847130", day + returnAfter[round], LOTS[round] * 0.99, 13_500);
        }

        var loops = new CircularTradeDetector().detect(shipments, ControlGroups.none());

        assertThat(loops).singleElement().satisfies(loop -> {
            assertThat(loop.companies()).containsExactly("A", "B");
            assertThat(loop.rounds()).isEqualTo(5);
            assertThat(loop.expectedRounds()).isPositive().isLessThan(1.5);
            assertThat(loop.excessRounds()).isEqualTo(5 - loop.expectedRounds());
            // Read in two windows (the whole one and six weeks per hand-over): the tail counts twice.
            assertThat(loop.pValue())
                    .isLessThan(0.01)
                    .isCloseTo(2 * poissonTail(5, loop.expectedRounds()), within(1e-12));
            assertThat(loop.describe())
                    .contains(
                            "2-company loop moving HS 8471 5 times (2024-01-10 to ",
                            String.format(
                                    "where its own trade would give %.1f by chance, value x1.35 on return",
                                    loop.expectedRounds()));
        });
        assertThat(new CircularTradeDetector().detect(shipments, ControlGroups.none()))
                .as("the chance expectation is seeded by the cycle, so a rerun gives the same figures")
                .isEqualTo(loops);
    }

    @Test
    void reciprocalTradeInTheSameGoodsAtUnrelatedQuantitiesAndDatesIsNoLoop() {
        var random = new Random(20_240_110);
        for (int pair = 0; pair < 5; pair++) {
            String domestic = "K" + pair;
            String foreign = "F" + pair;
            for (int i = 0; i < 40; i++) {
                ship(foreign, domestic, "847130", random.nextInt(1_000), lognormal(random, 400), 10_000);
                ship(domestic, foreign, "847130", random.nextInt(1_000), lognormal(random, 400), 10_000);
            }
            assertThat(chancePairs(domestic, foreign))
                    .as("shipments of pair %d that match by chance", pair)
                    .isGreaterThanOrEqualTo(CircularTradeDetector.MIN_ROUNDS_DEFAULT);
        }

        assertThat(new CircularTradeDetector().detect(shipments, ControlGroups.none()))
                .isEmpty();
    }

    @Test
    void aOneOffReturnAmongRegularExportsIsNoLoop() {
        for (int i = 0; i < 12; i++) {
            ship("A", "B", "940360", i * 60, LOTS[i % LOTS.length] * (1 + i), 50_000);
        }
        ship("B", "A", "940360", 200, LOTS[3] * 4, 50_000);

        assertThat(new CircularTradeDetector().detect(shipments, ControlGroups.none()))
                .isEmpty();
    }

    @Test
    void roundsWhoseQuantitiesDifferByMoreThanTenPercentDoNotCount() {
        for (int round = 0; round < 5; round++) {
            ship("A", "B", "300490", round * 150, LOTS[round], 10_000);
            ship("B", "A", "300490", round * 150 + 20, LOTS[round] * 0.85, 10_000);
        }
        assertThat(new CircularTradeDetector().detect(shipments, ControlGroups.none()))
                .isEmpty();

        shipments.clear();
        for (int round = 0; round < 5; round++) {
            ship("A", "B", "300490", round * 150, LOTS[round], 10_000);
            ship("B", "A", "300490", round * 150 + 20, LOTS[round] * 0.95, 10_000);
        }
        assertThat(new CircularTradeDetector().detect(shipments, ControlGroups.none()))
                .singleElement()
                .satisfies(loop -> assertThat(loop.rounds()).isEqualTo(5));
    }

    @Test
    void aLoopMayCloseThroughASharedDirector() {
        // A exports to F abroad; F sells the goods to B; A and B share a director.
        for (int round = 0; round < 4; round++) {
            ship("A", "F", "610910", round * 150, LOTS[round] * 10, 20_000);
            ship("F", "B", "610910", round * 150 + 30, LOTS[round] * 10, 31_000);
        }
        var control = ControlGroups.of(Map.of("director:P1", List.of("A", "B")), ControlGroups.MAX_SHARING_DEFAULT);

        assertThat(new CircularTradeDetector().detect(shipments, ControlGroups.none()))
                .isEmpty();
        assertThat(new CircularTradeDetector().detect(shipments, control))
                .singleElement()
                .satisfies(loop -> {
                    assertThat(loop.closedByControlLink()).isTrue();
                    assertThat(loop.companies()).containsExactlyInAnyOrder("A", "F", "B");
                    assertThat(loop.valueInflation()).isEqualTo(1.55);
                    assertThat(loop.describe()).contains("loop closed through shared control");
                });
    }

    @Test
    void bilateralTradeInDifferentGoodsIsNoLoop() {
        IntStream.range(0, 6).forEach(i -> {
            ship("A", "B", "847130", i * 150, LOTS[i], 10_000);
            ship("B", "A", "610910", i * 150 + 5, LOTS[i], 2_000);
        });

        assertThat(new CircularTradeDetector().detect(shipments, ControlGroups.none()))
                .isEmpty();
    }

    @Test
    void aOneOffSmallReturnIsNoLoop() {
        IntStream.range(0, 5).forEach(i -> ship("A", "B", "940360", i * 30, 1_000, 50_000));
        ship("B", "A", "940360", 40, 20, 1_000);

        assertThat(new CircularTradeDetector().detect(shipments, ControlGroups.none()))
                .isEmpty();
    }

    @Test
    void aSingleFullReturnIsNotEnoughButRepeatedOnesAre() {
        ship("A", "B", "940360", 0, 1_000, 50_000);
        ship("B", "A", "940360", 20, 1_000, 50_000);
        assertThat(new CircularTradeDetector().detect(shipments, ControlGroups.none()))
                .isEmpty();

        for (int round = 1; round < 4; round++) {
            ship("A", "B", "940360", round * 150, LOTS[round] * 5, 50_000);
            ship("B", "A", "940360", round * 150 + 20, LOTS[round] * 5, 60_000);
        }
        assertThat(new CircularTradeDetector().detect(shipments, ControlGroups.none()))
                .singleElement()
                .satisfies(loop -> assertThat(loop.rounds()).isEqualTo(4));
    }

    @Test
    void legsFurtherApartThanTheWindowAreNoRound() {
        for (int round = 0; round < 5; round++) {
            ship("A", "B", "300490", round * 400, LOTS[round], 10_000);
            ship("B", "A", "300490", round * 400 + CircularTradeDetector.WINDOW_DAYS_DEFAULT + 5, LOTS[round], 10_000);
        }

        assertThat(new CircularTradeDetector().detect(shipments, ControlGroups.none()))
                .isEmpty();
    }

    @Test
    void aFastCarouselIsJudgedWithinItsOwnHandOverWindow() {
        // Four rounds turned in three weeks each, two months apart: within the four-party window a
        // return could as well pair with the export before last, so shuffled dates line up about as
        // often; within six weeks per hand-over only the real pairs do.
        for (int round = 0; round < 4; round++) {
            ship("A", "B", "851762", round * 60, LOTS[round], 10_000);
            ship("B", "A", "851762", round * 60 + 21, LOTS[round], 11_000);
        }

        assertThat(new CircularTradeDetector().detect(shipments, ControlGroups.none()))
                .singleElement()
                .satisfies(loop -> {
                    assertThat(loop.rounds()).isEqualTo(4);
                    assertThat(loop.pValue()).isLessThanOrEqualTo(CircularTradeDetector.SIGNIFICANCE_DEFAULT);
                });
    }

    @Test
    void roundsAreCountedFromWhoeverSentTheGoodsFirst() {
        for (int round = 0; round < 5; round++) {
            ship("B", "A", "300490", round * 200, LOTS[round], 10_000);
            ship("A", "B", "300490", round * 200 + 90, LOTS[round], 10_000);
        }
        // Read from A no round closes (A only ever answers); read from B, who sends first, all five do.
        var loops = new CircularTradeDetector().detect(shipments, ControlGroups.none());
        assertThat(loops).singleElement().satisfies(loop -> {
            assertThat(loop.rounds()).isEqualTo(5);
            assertThat(loop.companies()).containsExactly("B", "A");
        });
    }

    @Test
    void theMostSignificantLoopComesFirst() {
        for (int round = 0; round < 3; round++) {
            ship("C", "D", "940360", round * 150, LOTS[round], 10_000);
            ship("D", "C", "940360", round * 150 + 20, LOTS[round], 10_000);
        }
        for (int round = 0; round < 6; round++) {
            ship("A", "B", "847130", round * 150, LOTS[round], 10_000);
            ship("B", "E", "847130", round * 150 + 15, LOTS[round], 10_000);
            ship("E", "A", "847130", round * 150 + 30, LOTS[round], 10_000);
        }

        var loops = new CircularTradeDetector().detect(shipments, ControlGroups.none());

        assertThat(loops).extracting(TradeLoop::hs4).containsExactly("8471", "9403");
        assertThat(loops).isSortedAccordingTo(Comparator.comparingDouble(TradeLoop::pValue));
    }

    @Test
    void aRegisteredAgentsAddressDoesNotMergeItsTenants() {
        var tenants = IntStream.range(0, 30).mapToObj(i -> "T" + i).toList();
        var agent = ControlGroups.of(Map.of("address:1 AGENT ST", tenants), ControlGroups.MAX_SHARING_DEFAULT);
        for (int round = 0; round < 4; round++) {
            ship("T1", "F", "610910", round * 150, LOTS[round] * 10, 20_000);
            ship("F", "T2", "610910", round * 150 + 30, LOTS[round] * 10, 31_000);
        }
        var owner = ControlGroups.of(Map.of("director:P1", List.of("T1", "T2")), ControlGroups.MAX_SHARING_DEFAULT);

        assertThat(agent.sameParty("T1", "T2")).isFalse();
        assertThat(new CircularTradeDetector().detect(shipments, agent)).isEmpty();
        assertThat(new CircularTradeDetector().detect(shipments, owner)).hasSize(1);
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new CircularTradeDetector(1, 180, 1.1, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircularTradeDetector(4, 0, 1.1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircularTradeDetector(4, 180, 0.5, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircularTradeDetector(4, 180, 1.1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircularTradeDetector(4, 180, 1.1, 2, 0, 20))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircularTradeDetector(4, 180, 1.1, 2, 1.5, 20))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircularTradeDetector(4, 180, 1.1, 2, 0.05, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void ship(String seller, String buyer, String hs, int day, double quantity, double value) {
        shipments.add(
                new Shipment("D" + (++serial), START.plusDays(day), seller, buyer, hs, "CN", quantity, "PCS", value));
    }

    private static double lognormal(Random random, double median) {
        return Math.max(1, Math.round(median * Math.exp(0.55 * random.nextGaussian())));
    }

    /** Shipments out of {@code a} that some shipment back from {@code b} matches in quantity within the window. */
    private long chancePairs(String a, String b) {
        return shipments.stream()
                .filter(out -> out.sellerId().equals(a) && out.buyerId().equals(b))
                .filter(out -> shipments.stream()
                        .anyMatch(back -> back.sellerId().equals(b)
                                && back.buyerId().equals(a)
                                && !back.filedOn().isBefore(out.filedOn())
                                && !back.filedOn()
                                        .isAfter(out.filedOn().plusDays(CircularTradeDetector.WINDOW_DAYS_DEFAULT))
                                && Math.abs(Math.log(back.quantity() / out.quantity())) <= Math.log(1.1)))
                .count();
    }

    /** P(X >= k) for X Poisson(mean), as one minus the lower tail. */
    private static double poissonTail(int k, double mean) {
        double term = Math.exp(-mean);
        double lower = 0;
        for (int i = 0; i < k; i++) {
            lower += term;
            term *= mean / (i + 1);
        }
        return 1 - lower;
    }
}
