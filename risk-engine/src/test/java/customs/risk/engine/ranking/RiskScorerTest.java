package customs.risk.engine.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.engine.network.ShellClusterDetector.SharedIdentifier;
import customs.risk.engine.network.ShellClusterDetector.Tie;
import customs.risk.engine.trade.CompanyFacts;
import customs.risk.engine.trade.Shipment;
import customs.risk.engine.trade.TradeData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RiskScorerTest {

    private static final LocalDate START = LocalDate.of(2024, 1, 1);
    private final Random random = new Random(3);
    private final List<Shipment> shipments = new ArrayList<>();
    private final List<CompanyFacts> companies = new ArrayList<>();
    private final List<SharedIdentifier> identifiers = new ArrayList<>();
    private int serial;

    @Test
    void loopsShellsAndMispricingLeadTheRankingWithTheirReasons() {
        for (int i = 0; i < 40; i++) {
            companies.add(new CompanyFacts("O" + i, LocalDate.of(2001, 1, 1), null, 50, START, 1e6));
        }
        // Ordinary trade: O0..O19 import HS 610910 from O20..O39 at about 3 USD a piece.
        for (int i = 0; i < 300; i++) {
            ship("O" + (20 + i % 20), "O" + (i % 20), "610910", i, 1_000, 3.0 * Math.exp(0.3 * random.nextGaussian()));
        }
        String mispriced = ship("O20", "O3", "610910", 100, 1_000, 3.0 * 0.12);
        for (String id : List.of("A", "B", "C")) {
            companies.add(new CompanyFacts(id, LocalDate.of(2015, 1, 1), null, 30, START, 1e6));
        }
        for (int round = 0; round < 3; round++) {
            ship("A", "B", "847130", round * 60, 100, 100);
            ship("B", "C", "847130", round * 60 + 10, 100, 110);
            ship("C", "A", "847130", round * 60 + 20, 100, 125);
        }
        companies.add(new CompanyFacts("S1", LocalDate.of(2023, 10, 1), LocalDate.of(2024, 3, 1), 1, START, 5e6));
        companies.add(new CompanyFacts("S2", LocalDate.of(2024, 3, 10), null, 2, LocalDate.of(2024, 4, 1), 6e6));
        companies.add(new CompanyFacts("S3", LocalDate.of(2023, 12, 1), null, 1, START, 4e6));
        identifiers.add(new SharedIdentifier(Tie.OFFICER, "P9", Set.of("S1", "S2", "S3")));
        identifiers.add(new SharedIdentifier(Tie.ADDRESS, "9 DOCK RD", Set.of("S1", "S2")));

        var assessment = new RiskScorer(RiskSettings.DEFAULTS).score(new TradeData(shipments, companies, identifiers));

        var topEntities = assessment.entities().subList(0, 6).stream().map(ScoredItem::id).toList();
        assertThat(topEntities).containsExactlyInAnyOrder("A", "B", "C", "S1", "S2", "S3");
        assertThat(assessment.entities().getFirst().lane()).isEqualTo(Lane.RED);
        assertThat(entity(assessment, "A").reasons().getFirst()).contains("3-company loop", "HS 8471", "3 times");
        assertThat(entity(assessment, "S2").reasons().getFirst()).contains("cluster of 3 companies", "officer P9");
        assertThat(entity(assessment, "O10").lane()).isEqualTo(Lane.GREEN);

        var declaration = assessment.declarations().stream().filter(d -> d.id().equals(mispriced)).findFirst()
                .orElseThrow();
        assertThat(declaration.lane()).isNotEqualTo(Lane.GREEN);
        assertThat(declaration.reasons().getFirst()).contains("unit price 0.1", "HS 610910", "under-invoicing");
        assertThat(assessment.declarations().subList(0, 10)).extracting(ScoredItem::id).contains(mispriced);
        assertThat(assessment.declarations()).allSatisfy(d -> assertThat(d.score()).isBetween(0.0, 1.0));
        assertThat(assessment.model()).isEqualTo(RiskScorer.MODEL);
    }

    private static ScoredItem entity(RiskAssessment assessment, String id) {
        return assessment.entities().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    private String ship(String seller, String buyer, String hs, int day, double quantity, double unitPrice) {
        String id = "D" + (++serial);
        shipments.add(new Shipment(id, START.plusDays(day), seller, buyer, hs, "VN", quantity, "PCS",
                quantity * unitPrice));
        return id;
    }
}
