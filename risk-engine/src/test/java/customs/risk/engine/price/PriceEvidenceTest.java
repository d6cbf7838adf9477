package customs.risk.engine.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import customs.risk.engine.trade.Shipment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        assertThat(jump.reason())
                .contains(
                        "unit price 0.20x the usual price of this seller-buyer line",
                        "2 of 8 items at ~0.2",
                        "the rest at market price",
                        "under-invoicing",
                        "the median of HS 420221");
        assertThat(jump.strength()).isGreaterThan(3 * standing.strength());
        assertThat(evidence.signal(cheap2.declarationId())).isNotNull();
        assertThat(evidence.signal(lone.declarationId()).reason()).contains("over-invoicing");
        assertThat(evidence.signal(shipments.getFirst().declarationId())).isNull();
        assertThat(evidence.companyShare("IMP")).isEqualTo(2 / 8.0);
        assertThat(evidence.company("SUPP"))
                .isEqualTo(new PriceEvidence.CompanyPricing(
                        8, 2, evidence.company("SUPP").expected()));
        assertThat(evidence.companyShare("LUXE")).isZero();
        assertThat(evidence.company("NOBODY")).isEqualTo(PriceEvidence.CompanyPricing.NONE);
    }

    @Test
    void anItemWithoutPeersIsStillReadWithinItsLine() {
        for (int i = 0; i < 12; i++) {
            item("S", "B", 10 * Math.exp(0.1 * random.nextGaussian()));
        }
        var cheap = item("S", "B", 2);

        var evidence = PriceEvidence.of(shipments, Map.of(), 3.0);

        assertThat(evidence.lineMispricing(cheap.declarationId())).isGreaterThan(0.9);
        assertThat(evidence.signal(cheap.declarationId()).reason())
                .startsWith("unit price 0.2")
                .contains("x the usual price of this seller-buyer line, whose other 12 items")
                .doesNotContain("median of");
        assertThat(evidence.lineShift(cheap.declarationId())).isLessThan(-4);
        assertThat(evidence.lineMispricing("unknown")).isZero();
        assertThat(evidence.lineShift("unknown")).isNaN();
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> PriceEvidence.of(shipments, Map.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PriceEvidence.of(null, Map.of(), 3)).isInstanceOf(IllegalArgumentException.class);
    }

    private Shipment item(String seller, String buyer, double unitPrice) {
        var s = new Shipment(
                "D" + (++serial),
                LocalDate.of(2024, 1, 1).plusDays(serial % 200),
                seller,
                buyer,
                "420221",
                "IT",
                10,
                "PCS",
                10 * unitPrice);
        shipments.add(s);
        return s;
    }
}
