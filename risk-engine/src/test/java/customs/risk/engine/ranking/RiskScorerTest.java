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
    private static final customs.risk.engine.price.DenseAutoencoder.Settings SMALL =
            new customs.risk.engine.price.DenseAutoencoder.Settings(8, 2, 1, 256, 3e-3, 2_000, 1);
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
        // Rounds far apart, each with its own quantity: nothing chance would give.
        double[] lots = {100, 260, 170};
        for (int round = 0; round < 3; round++) {
            ship("A", "B", "847130", round * 150, lots[round], 100);
            ship("B", "C", "847130", round * 150 + 10, lots[round], 110);
            ship("C", "A", "847130", round * 150 + 20, lots[round], 125);
        }
        companies.add(new CompanyFacts("S1", LocalDate.of(2023, 10, 1), LocalDate.of(2024, 3, 1), 1, START, 5e6));
        companies.add(new CompanyFacts("S2", LocalDate.of(2024, 3, 10), null, 2, LocalDate.of(2024, 4, 1), 6e6));
        companies.add(new CompanyFacts("S3", LocalDate.of(2023, 12, 1), null, 1, START, 4e6));
        identifiers.add(new SharedIdentifier(Tie.OFFICER, "P9", Set.of("S1", "S2", "S3")));
        identifiers.add(new SharedIdentifier(Tie.ADDRESS, "9 DOCK RD", Set.of("S1", "S2")));

        var assessment = new RiskScorer(RiskSettings.DEFAULTS).score(new TradeData(shipments, companies, identifiers));

        var topEntities =
                assessment.entities().subList(0, 6).stream().map(ScoredItem::id).toList();
        assertThat(topEntities).containsExactlyInAnyOrder("A", "B", "C", "S1", "S2", "S3");
        assertThat(assessment.entities().getFirst().lane()).isEqualTo(Lane.RED);
        assertThat(entity(assessment, "A").reasons().getFirst()).contains("3-company loop", "HS 8471", "3 times");
        assertThat(entity(assessment, "S2").reasons().getFirst()).contains("cluster of 3 companies", "officer P9");
        assertThat(entity(assessment, "O10").lane()).isEqualTo(Lane.GREEN);

        var declaration = assessment.declarations().stream()
                .filter(d -> d.id().equals(mispriced))
                .findFirst()
                .orElseThrow();
        assertThat(declaration.lane()).isNotEqualTo(Lane.GREEN);
        assertThat(declaration.reasons().getFirst()).contains("unit price 0.1", "HS 610910", "under-invoicing");
        assertThat(assessment.declarations().subList(0, 10))
                .extracting(ScoredItem::id)
                .contains(mispriced);
        assertThat(assessment.declarations())
                .allSatisfy(d -> assertThat(d.score()).isBetween(0.0, 1.0));
    }

    @Test
    void aFullScoringHandsOnItsDeclarationsPageByPageAndTheyMakeTheSameRankingAsInMemory() {
        var data = ModelStoreTest.trade();
        var scorer = new RiskScorer(RiskSettings.DEFAULTS, SMALL);
        var trained = scorer.train(data, "v0001");
        var pages = new ArrayList<List<ScoredItem>>();

        var streamed = scorer.withPageSize(400).score(data, trained.model(), pages::add);

        assertThat(pages).hasSize(4).allSatisfy(page -> assertThat(page).hasSizeLessThanOrEqualTo(400));
        assertThat(streamed.declarations()).isEmpty();
        var ranked = pages.stream()
                .flatMap(List::stream)
                .sorted(java.util.Comparator.comparingDouble(ScoredItem::score)
                        .reversed()
                        .thenComparing(ScoredItem::id))
                .toList();
        assertThat(ranked).isEqualTo(trained.assessment().declarations());
        assertThat(streamed.declarationCount()).isEqualTo(1_500);
        assertThat(streamed.declarationLanes().get(Lane.RED))
                .isEqualTo(ranked.stream().filter(d -> d.lane() == Lane.RED).count())
                .isPositive();
    }

    @Test
    void aRandomShareOfDeclarationsGoesToTheRedLaneSayingWhyAndTheDrawIsStable() {
        var data = ModelStoreTest.trade();
        var settings = new RiskSettings(0.7, 0.4, 3.0, 20, 0.1);
        var scorer = new RiskScorer(
                settings, new customs.risk.engine.price.DenseAutoencoder.Settings(8, 2, 1, 256, 3e-3, 2_000, 1));

        var trained = scorer.train(data, "v0007");
        var explored = trained.assessment().declarations().stream()
                .filter(d ->
                        !d.reasons().isEmpty() && d.reasons().getFirst().startsWith("random selection for inspection"))
                .toList();
        assertThat(explored).allSatisfy(d -> assertThat(d.lane()).isEqualTo(Lane.RED));
        assertThat(explored).anySatisfy(d -> assertThat(d.score()).isLessThan(0.4));
        assertThat(explored.size()).isBetween(100, 200); // 10% of 1,500, less those red anyway
        assertThat(scorer.score(data, trained.model()).declarations())
                .isEqualTo(trained.assessment().declarations());

        var none = new RiskScorer(
                        settings.withExplorationShare(0),
                        new customs.risk.engine.price.DenseAutoencoder.Settings(8, 2, 1, 256, 3e-3, 2_000, 1))
                .score(data, trained.model());
        assertThat(none.declarations())
                .noneSatisfy(
                        d -> assertThat(d.reasons().isEmpty() ? "" : d.reasons().getFirst())
                                .startsWith("random selection"));
    }

    @Test
    void byInspectionCapacityTheRiskiestShareIsRedAndTheNextShareYellow() {
        var data = ModelStoreTest.trade();
        var settings = new RiskSettings(0.7, 0.4, 3.0, 20, 0, 0.02, 0.05);
        var scorer = new RiskScorer(settings, SMALL);

        var declarations = scorer.score(data).declarations();

        int n = declarations.size();
        double redCut = declarations.get((int) Math.round(0.02 * n) - 1).score();
        double yellowCut = declarations.get((int) Math.round(0.07 * n) - 1).score();
        long red = declarations.stream().filter(d -> d.lane() == Lane.RED).count();
        long yellow = declarations.stream().filter(d -> d.lane() == Lane.YELLOW).count();
        // The share, and the items tied with the last one taken, no more.
        assertThat(red)
                .isEqualTo(
                        declarations.stream().filter(d -> d.score() >= redCut).count())
                .isGreaterThanOrEqualTo(Math.round(0.02 * n));
        assertThat(red + yellow)
                .isEqualTo(declarations.stream()
                        .filter(d -> d.score() >= yellowCut)
                        .count())
                .isGreaterThanOrEqualTo(Math.round(0.07 * n));
        // Riskiest first: the lanes follow the order.
        var lanes = declarations.stream().map(ScoredItem::lane).toList();
        assertThat(lanes.lastIndexOf(Lane.RED)).isLessThan(lanes.indexOf(Lane.YELLOW));
    }

    @Test
    void newDeclarationsAreScoredAloneWithTheKeptModelAndTheirTradersNetworks() {
        var data = ModelStoreTest.trade();
        var scorer = new RiskScorer(RiskSettings.DEFAULTS.withExplorationShare(0), SMALL);
        var model = scorer.train(data, "v0001").model();
        var cheap = new Shipment("N1", LocalDate.of(2025, 3, 1), "S3", "B4", "610910", "VN", 1_000, "PCS", 1_000 * 0.5);
        var fair = new Shipment("N2", LocalDate.of(2025, 3, 1), "S9", "B4", "610910", "VN", 1_000, "PCS", 1_000 * 3.1);
        var fromRiskySeller =
                new Shipment("N3", LocalDate.of(2025, 3, 1), "S5", "B8", "610910", "VN", 1_000, "PCS", 1_000 * 3.0);
        var parties = java.util.Map.of("S5", new PartyContext(0.9, "in a 3-company loop"));

        var scored = scorer.scoreNew(List.of(cheap, fair, fromRiskySeller), parties, model);

        assertThat(scored).extracting(ScoredItem::id).containsExactlyInAnyOrder("N1", "N2", "N3");
        assertThat(scored.getFirst().id()).isEqualTo("N1");
        assertThat(scored.getFirst().reasons())
                .anySatisfy(r -> assertThat(r).contains("unit price 0.17x", "under-invoicing"));
        assertThat(scored).allSatisfy(d -> assertThat(d.score()).isBetween(0.0, 1.0));

        // Before any inspection, the rules alone score, and a risky seller's network shows.
        var rulesOnly = new RiskScorer(RiskSettings.DEFAULTS.withExplorationShare(0), SMALL)
                .train(new TradeData(data.shipments(), data.companies(), data.identifiers()), "v0002")
                .model();
        assertThat(rulesOnly.declarations()).isEmpty();
        var byRules = scorer.scoreNew(List.of(fair, fromRiskySeller), parties, rulesOnly);
        var risky =
                byRules.stream().filter(d -> d.id().equals("N3")).findFirst().orElseThrow();
        assertThat(risky.reasons()).anySatisfy(r -> assertThat(r).startsWith("seller S5 (network 0.90): in a"));
        var plain =
                byRules.stream().filter(d -> d.id().equals("N2")).findFirst().orElseThrow();
        assertThat(plain.score()).isLessThan(risky.score());
    }

    @Test
    void whereInspectionsExistTheScoreIsLearntFromEveryColumnAndSaysWhatMovedIt() {
        // Violations follow one customs procedure code that the rules know nothing about.
        var random = new Random(8);
        var violations = new java.util.HashMap<String, Boolean>();
        for (int i = 0; i < 3_000; i++) {
            String procedure = i % 4 == 0 ? "B" : "A";
            var s = new Shipment(
                    "K" + i,
                    START.plusDays(i / 10),
                    "S" + (i % 40),
                    "B" + (i % 60),
                    "610910",
                    "VN",
                    1_000,
                    "PCS",
                    1_000 * 3.0 * Math.exp(0.2 * random.nextGaussian()),
                    "BR" + (i % 5),
                    "OF1",
                    Double.NaN,
                    Double.NaN,
                    java.util.Map.of("process_type", procedure));
            shipments.add(s);
            if (i < 2_400) {
                double rate = procedure.equals("B") ? 0.6 : 0.05;
                violations.put(s.declarationId(), random.nextDouble() < rate);
            }
        }
        var scorer = new RiskScorer(RiskSettings.DEFAULTS.withExplorationShare(0), SMALL);

        var trained = scorer.train(new TradeData(shipments, companies, identifiers, violations), "v0003");

        var fresh = trained.assessment().declarations().stream()
                .filter(d -> !violations.containsKey(d.id()))
                .toList();
        var topFresh = fresh.subList(0, 100);
        assertThat(topFresh)
                .allSatisfy(d ->
                        assertThat(Integer.parseInt(d.id().substring(1)) % 4).isZero());
        // Calibrated: about 60% of the new B declarations and 5% of the others are violations.
        assertThat(fresh.stream()
                        .filter(d -> Integer.parseInt(d.id().substring(1)) % 4 == 0)
                        .mapToDouble(ScoredItem::score)
                        .average()
                        .orElseThrow())
                .isBetween(0.5, 0.7);
        assertThat(fresh.stream()
                        .filter(d -> Integer.parseInt(d.id().substring(1)) % 4 != 0)
                        .mapToDouble(ScoredItem::score)
                        .average()
                        .orElseThrow())
                .isBetween(0.02, 0.09);
        assertThat(topFresh.getFirst().reasons().getFirst())
                .startsWith("+0.")
                .contains("process_type B", "violations in");
        // An inspected declaration keeps the score of trees that never saw its outcome.
        var inspected = trained.assessment().declarations().stream()
                .filter(d -> violations.containsKey(d.id()))
                .findFirst()
                .orElseThrow();
        assertThat(inspected.reasons().getLast()).contains("never saw this declaration's outcome");
    }

    private static ScoredItem entity(RiskAssessment assessment, String id) {
        return assessment.entities().stream()
                .filter(e -> e.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private String ship(String seller, String buyer, String hs, int day, double quantity, double unitPrice) {
        String id = "D" + (++serial);
        shipments.add(
                new Shipment(id, START.plusDays(day), seller, buyer, hs, "VN", quantity, "PCS", quantity * unitPrice));
        return id;
    }
}
