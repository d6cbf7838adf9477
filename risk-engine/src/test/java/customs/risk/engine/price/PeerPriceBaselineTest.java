package customs.risk.engine.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import customs.risk.engine.trade.Shipment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PeerPriceBaselineTest {

    private final Random random = new Random(7);
    private final List<Shipment> shipments = new ArrayList<>();
    private int serial;

    @Test
    void underAndOverInvoicedItemsStandOutOnBothSides() {
        peers("610910", "VN", 200, 3.0, 0.3);
        var cheap = item("610910", "VN", 1_000, 3.0 * 0.2);
        var dear = item("610910", "VN", 1_000, 3.0 * 7.2);
        var ordinary = item("610910", "VN", 1_000, 3.1);

        var baseline = PeerPriceBaseline.fit(shipments, PeerPriceBaseline.MIN_PEERS_DEFAULT);

        var low = baseline.deviation(cheap).orElseThrow();
        var high = baseline.deviation(dear).orElseThrow();
        assertThat(low.robustZ()).isLessThan(-4);
        assertThat(high.robustZ()).isGreaterThan(5);
        assertThat(high.ratioToMedian()).isCloseTo(7.2, within(0.5));
        assertThat(high.describe()).startsWith("unit price 7").contains("x the median of HS 610910 from VN");
        assertThat(Math.abs(baseline.deviation(ordinary).orElseThrow().robustZ()))
                .isLessThan(1);
    }

    @Test
    void fewPeersBackOffToTheWiderGroup() {
        peers("610910", "VN", 200, 3.0, 0.3);
        peers("610910", "BD", 5, 3.0, 0.3);
        var fromBangladesh = item("610910", "BD", 500, 15);

        var deviation =
                PeerPriceBaseline.fit(shipments, 20).deviation(fromBangladesh).orElseThrow();

        assertThat(deviation.peerGroup()).isEqualTo("HS 610910");
        assertThat(deviation.peers()).isEqualTo(200 + 5 + 1);
        assertThat(deviation.robustZ()).isGreaterThan(4);
    }

    @Test
    void unitsAreNeverMixedAndUnknownValuesAreSkipped() {
        peers("847130", "CN", 50, 400, 0.2);
        var inKilograms = new Shipment("K1", LocalDate.of(2024, 5, 1), "S", "B", "847130", "CN", 10, "KG", 4_000);
        var unpriced = new Shipment("U1", LocalDate.of(2024, 5, 1), "S", "B", "847130", "CN", 10, "PCS", Double.NaN);
        shipments.add(inKilograms);
        shipments.add(unpriced);

        var baseline = PeerPriceBaseline.fit(shipments, 20);

        assertThat(baseline.deviation(inKilograms)).isEmpty();
        assertThat(baseline.deviation(unpriced)).isEmpty();
    }

    @Test
    void identicalPricesDoNotDivideByZero() {
        for (int i = 0; i < 30; i++) {
            item("271019", "SA", 1_000, 0.8);
        }
        var odd = item("271019", "SA", 1_000, 1.6);

        var deviation = PeerPriceBaseline.fit(shipments, 20).deviation(odd).orElseThrow();

        assertThat(deviation.robustZ()).isFinite().isGreaterThan(10);
        assertThat(deviation.ratioToMedian()).isCloseTo(2.0, within(1e-9));
    }

    private void peers(String hs, String origin, int count, double unitPrice, double sigma) {
        for (int i = 0; i < count; i++) {
            item(hs, origin, 100 + random.nextInt(5_000), unitPrice * Math.exp(sigma * random.nextGaussian()));
        }
    }

    private Shipment item(String hs, String origin, double quantity, double unitPrice) {
        var s = new Shipment(
                "D" + (++serial),
                LocalDate.of(2024, 1, 1).plusDays(serial % 300),
                "S" + serial % 17,
                "B" + serial % 23,
                hs,
                origin,
                quantity,
                "PCS",
                quantity * unitPrice);
        shipments.add(s);
        return s;
    }
}
