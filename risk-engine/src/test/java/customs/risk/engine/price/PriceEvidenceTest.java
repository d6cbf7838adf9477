package customs.risk.engine.price;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.engine.trade.Shipment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PriceEvidenceTest {

    private final Random random = new Random(11);
    private final List<Shipment> shipments = new ArrayList<>();
    private int serial;

    @Test
    void aStandingPremiumWeighsLittleAndAJumpingPriceWeighsFully() {
        for (int i = 0; i < 300; i++) {
            item("M" + i % 30, "B" + i % 40, 20 * Math.exp(0.25 * random.nextGaussian()));
        }
        // A brand's line: always about 6 times the market.
        var premium = new ArrayList<Shipment>();
        for (int i = 0; i < 8; i++) {
            premium.add(item("LUXE", "SHOP", 120 * Math.exp(0.05 * random.nextGaussian())));
        }
        // A line at market price that suddenly declares a fifth of it, twice.
        for (int i = 0; i < 6; i++) {
            item("SUPP", "IMP", 20 * Math.exp(0.05 * random.nextGaussian()));
        }
        var cheap1 = item("SUPP", "IMP", 4);
        var cheap2 = item("SUPP", "IMP", 4.2);
        var lone = item("ONCE", "IMP2", 150);

        var evidence = PriceEvidence.of(shipments, PeerPriceBaseline.fit(shipments, 20), 3.0);

        var standing = evidence.signal(premium.getFirst().declarationId());
        var jump = evidence.signal(cheap1.declarationId());
        assertThat(standing.reason()).contains("as on all 8 items of this seller-buyer line");
        assertThat(jump.reason()).contains("under-invoicing", "trades at market price on 75% of 8 items");
        assertThat(jump.strength()).isGreaterThan(3 * standing.strength());
        assertThat(evidence.signal(cheap2.declarationId())).isNotNull();
        assertThat(evidence.signal(lone.declarationId()).reason()).contains("over-invoicing");
        assertThat(evidence.signal(shipments.getFirst().declarationId())).isNull();
    }

    private Shipment item(String seller, String buyer, double unitPrice) {
        var s = new Shipment("D" + (++serial), LocalDate.of(2024, 1, 1).plusDays(serial % 200), seller, buyer,
                "420221", "IT", 10, "PCS", 10 * unitPrice);
        shipments.add(s);
        return s;
    }
}
