package customs.risk.engine.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import customs.risk.engine.trade.Shipment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Synthetic trade in one kind of goods: a market of 40 honest lines (12 items each, lane levels
 * scattered by 0.15 around 10 USD, item noise 0.3 in log units), and the lines under test beside it.
 */
class PriceLineModesTest {

    private static final double MARKET = 10;
    private static final double NOISE = 0.3;

    private final Random random = new Random(2026);
    private final List<Shipment> shipments = new ArrayList<>();
    private int serial;

    @Test
    void aLineWithTwoFifthsOfItsItemsAtAThirdIsFlaggedOnThoseItemsOnly() {
        market();
        var cheap = new ArrayList<Shipment>();
        var honest = new ArrayList<Shipment>();
        for (int i = 0; i < 30; i++) {
            boolean under = i % 5 < 2;
            var s = item("SELLER", "UNDER", noisy(MARKET * (under ? 0.3 : 1)));
            (under ? cheap : honest).add(s);
        }

        var evidence = evidence();

        assertThat(cheap)
                .allSatisfy(s ->
                        assertThat(evidence.lineMispricing(s.declarationId())).isGreaterThan(0.5));
        assertThat(honest)
                .allSatisfy(s ->
                        assertThat(evidence.lineMispricing(s.declarationId())).isLessThan(0.5));
        assertThat(cheap)
                .allSatisfy(
                        s -> assertThat(evidence.lineShift(s.declarationId())).isLessThan(-2));
        assertThat(evidence.signal(cheap.getFirst().declarationId()).reason())
                .contains(
                        "the usual price of this seller-buyer line",
                        "12 of 30 items at ~0.3",
                        "the rest at market price",
                        "possible under-invoicing");
        assertThat(evidence.companyShare("UNDER")).isEqualTo(12 / 30.0);
    }

    @Test
    void aLineMostlyAtAFractionOfTheMarketIsReadByTheMarketNotByItsMajority() {
        market();
        var cheap = new ArrayList<Shipment>();
        var honest = new ArrayList<Shipment>();
        for (int i = 0; i < 30; i++) {
            boolean under = i % 5 != 0;
            var s = item("SELLER", "MOSTLY", noisy(MARKET * (under ? 0.3 : 1)));
            (under ? cheap : honest).add(s);
        }

        var evidence = evidence();

        assertThat(cheap)
                .allSatisfy(s ->
                        assertThat(evidence.lineMispricing(s.declarationId())).isGreaterThan(0.5));
        assertThat(honest)
                .allSatisfy(s ->
                        assertThat(evidence.lineMispricing(s.declarationId())).isLessThan(0.5));
        var line = evidence.modes().line(cheap.getFirst().declarationId()).orElseThrow();
        assertThat(line.marketRatio()).isBetween(0.7, 1.4);
        assertThat(line.deviatingRatio()).isBetween(0.2, 0.45);
    }

    @Test
    void aPremiumLineConsistentlyAboveTheMarketIsNotFlagged() {
        market();
        var premium = new ArrayList<Shipment>();
        for (int i = 0; i < 20; i++) {
            premium.add(item("BRAND", "SHOP", MARKET * 2.5 * Math.exp(0.1 * random.nextGaussian())));
        }
        // The same brand in lots too small to read on their own: read within the brand's sales of the goods.
        for (int buyer = 0; buyer < 3; buyer++) {
            for (int i = 0; i < 2; i++) {
                premium.add(item("BRAND", "BOUTIQUE" + buyer, MARKET * 2.5 * Math.exp(0.1 * random.nextGaussian())));
            }
        }

        var evidence = evidence();

        assertThat(premium).allSatisfy(s -> {
            assertThat(evidence.lineMispricing(s.declarationId())).isLessThan(0.05);
            var signal = evidence.signal(s.declarationId());
            assertThat(signal == null ? 0 : signal.strength())
                    .isLessThanOrEqualTo(PriceEvidence.CONSISTENT_LINE_WEIGHT);
        });
        assertThat(evidence.lineShift(premium.getLast().declarationId())).isBetween(-3.0, 3.0);
        assertThat(evidence.companyShare("BRAND")).isZero();
    }

    @Test
    void aBrandsSmallLotsAreReadWithinItsSalesOfTheGoods() {
        market();
        var lots = new ArrayList<Shipment>();
        for (int buyer = 0; buyer < 6; buyer++) {
            for (int i = 0; i < 2; i++) {
                lots.add(item("MAISON", "STORE" + buyer, MARKET * 5 * Math.exp(0.1 * random.nextGaussian())));
            }
        }
        var slip = item("MAISON", "STORE0", MARKET * 5 * 0.2);

        var evidence = evidence();

        assertThat(lots).allSatisfy(s -> {
            assertThat(evidence.lineMispricing(s.declarationId())).isLessThan(0.05);
            assertThat(evidence.signal(s.declarationId()).reason())
                    .contains("as on 12 of the 13 items of this seller's sales of the goods", "standing premium");
        });
        assertThat(evidence.lineMispricing(slip.declarationId())).isGreaterThan(0.5);
        assertThat(evidence.signal(slip.declarationId()).reason())
                .contains(
                        "unit price 0.2",
                        "x the usual price of this seller's sales of the goods, whose other 12 items trade at",
                        "x the market");
    }

    @Test
    void aSingleSporadicItemAtAFifthIsFlaggedAndItsLineIsNot() {
        market();
        var line = new ArrayList<Shipment>();
        for (int i = 0; i < 40; i++) {
            line.add(item("SELLER", "ONCE", noisy(MARKET)));
        }
        var sporadic = item("SELLER", "ONCE", MARKET * 0.2);

        var evidence = evidence();

        assertThat(evidence.lineMispricing(sporadic.declarationId())).isGreaterThan(0.9);
        assertThat(evidence.signal(sporadic.declarationId()).reason())
                .contains(
                        "unit price 0.2",
                        "x the usual price of this seller-buyer line, whose other 40 items trade at market " + "price",
                        "possible under-invoicing");
        assertThat(line)
                .allSatisfy(s ->
                        assertThat(evidence.lineMispricing(s.declarationId())).isLessThan(0.5));
    }

    @Test
    void aLineOfThreeItemsHasNoShiftOfItsOwn() {
        market();
        var small = List.of(
                item("NEW", "BUYER", MARKET), item("NEW", "BUYER", MARKET * 1.1), item("NEW", "BUYER", MARKET * 0.2));

        var evidence = evidence();

        assertThat(small)
                .allSatisfy(
                        s -> assertThat(evidence.lineShift(s.declarationId())).isNaN());
        assertThat(evidence.modes()
                        .line(small.getFirst().declarationId())
                        .orElseThrow()
                        .readable())
                .isFalse();
        // Read against the market alone, a fifth of it still shows.
        assertThat(evidence.lineMispricing(small.getLast().declarationId())).isGreaterThan(0.5);
        assertThat(evidence.lineMispricing(small.getFirst().declarationId())).isLessThan(0.05);
    }

    @Test
    void anHonestNoisyLineFlagsAlmostNothing() {
        market();
        var line = new ArrayList<Shipment>();
        for (int i = 0; i < 40; i++) {
            line.add(item("SELLER", "NOISY", MARKET * Math.exp(0.35 * random.nextGaussian())));
        }

        var evidence = evidence();

        assertThat(line.stream()
                        .filter(s -> evidence.lineMispricing(s.declarationId()) >= 0.5)
                        .count())
                .isLessThanOrEqualTo(1);
        assertThat(line.stream()
                        .filter(s -> evidence.signal(s.declarationId()) != null)
                        .count())
                .isLessThanOrEqualTo(2);
        assertThat(evidence.modes()
                        .line(line.getFirst().declarationId())
                        .orElseThrow()
                        .secondMode())
                .isLessThan(0.5);
    }

    @Test
    void theMarketlessFallbackIsThePeerMedian() {
        // Three new declarations alone: too few lines for a market, so their peers' median sets it.
        var cheap = item("A", "X", 1.5);
        var fair = item("B", "Y", 10.5);
        var other = item("C", "Z", 9.5);
        var peerMedians = Map.of(
                cheap.declarationId(),
                Math.log(MARKET),
                fair.declarationId(),
                Math.log(MARKET),
                other.declarationId(),
                Math.log(MARKET));

        var modes = PriceLineModes.fit(shipments, peerMedians, PriceLineModes.Settings.DEFAULTS);

        assertThat(modes.mispricing(cheap.declarationId())).isGreaterThan(0.5);
        assertThat(modes.mispricing(fair.declarationId())).isLessThan(0.05);
        assertThat(modes.ratioToLine(cheap.declarationId())).isCloseTo(0.15, within(1e-9));
    }

    @Test
    void settingsAreChecked() {
        var d = PriceLineModes.Settings.DEFAULTS;
        assertThatThrownBy(() -> new PriceLineModes.Settings(
                        2,
                        d.minMarketLines(),
                        d.minMarketItems(),
                        d.outlierRate(),
                        d.outlierSpan(),
                        d.secondModePrior(),
                        d.minHonestShare(),
                        d.spreadPriorItems(),
                        d.goodsPriorLines(),
                        d.goodsSpreadQuantile(),
                        d.fallbackSpread(),
                        d.fallbackLaneSpread(),
                        d.iterations()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PriceLineModes.Settings(
                        d.minLineItems(),
                        d.minMarketLines(),
                        d.minMarketItems(),
                        d.outlierRate(),
                        d.outlierSpan(),
                        1.0,
                        d.minHonestShare(),
                        d.spreadPriorItems(),
                        d.goodsPriorLines(),
                        d.goodsSpreadQuantile(),
                        d.fallbackSpread(),
                        d.fallbackLaneSpread(),
                        d.iterations()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PriceLineModes.fit(shipments, (Map<String, Double>) null, d))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private PriceEvidence evidence() {
        return PriceEvidence.of(shipments, PeerPriceBaseline.fit(shipments, PeerPriceBaseline.MIN_PEERS_DEFAULT), 3.0);
    }

    private void market() {
        for (int line = 0; line < 40; line++) {
            double lane = Math.exp(0.15 * random.nextGaussian());
            for (int i = 0; i < 12; i++) {
                item("M" + line, "B" + line, noisy(MARKET * lane));
            }
        }
    }

    private double noisy(double price) {
        return price * Math.exp(NOISE * random.nextGaussian());
    }

    private Shipment item(String seller, String buyer, double unitPrice) {
        var s = new Shipment(
                "D" + (++serial),
                LocalDate.of(2024, 1, 1).plusDays(serial % 300),
                seller,
                buyer,
                "610910",
                "VN",
                100,
                "PCS",
                100 * unitPrice);
        shipments.add(s);
        return s;
    }
}
