package customs.risk.engine.learning;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.engine.trade.Shipment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InspectionLearnerTest {

    private final Random random = new Random(9);

    @Test
    void anImporterWithAPoorRecordRaisesItsUninspectedDeclarations() {
        var shipments = new ArrayList<Shipment>();
        var violations = new HashMap<String, Boolean>();
        for (int i = 0; i < 3_000; i++) {
            String importer = "I" + (i % 30);
            var s = new Shipment("D" + i, LocalDate.of(2024, 1, 1).plusDays(i % 300), "S" + (i % 50), importer,
                    "610910", "VN", 100, "PCS", 300, "BROKER" + (i % 5), "OFFICE" + (i % 3));
            shipments.add(s);
            if (random.nextDouble() < 0.25) {
                // I7 violates most of the time, everyone else rarely.
                double rate = importer.equals("I7") ? 0.8 : 0.05;
                violations.put(s.declarationId(), random.nextDouble() < rate);
            }
        }

        var learned = InspectionLearner.learn(shipments, violations, Map.of(), InspectionLearner.SETTINGS_DEFAULT)
                .orElseThrow();

        assertThat(learned.inspections()).isEqualTo(violations.size());
        double risky = average(learned, shipments, "I7");
        double ordinary = average(learned, shipments, "I8");
        // About 25 inspections of I7 at 80%, smoothed towards the base rate: well above everyone else.
        assertThat(risky).isGreaterThan(0.25).isGreaterThan(3 * ordinary);
        assertThat(ordinary).isLessThan(0.1);
    }

    @Test
    void aKeptModelPredictsAsItDidWhenFittedAndHeldOutScoresStay() throws Exception {
        var shipments = new ArrayList<Shipment>();
        var violations = new HashMap<String, Boolean>();
        var rules = new HashMap<String, double[]>();
        for (int i = 0; i < 2_000; i++) {
            var s = new Shipment("D" + i, LocalDate.of(2024, 1, 1).plusDays(i % 300), "S" + (i % 50), "I" + (i % 30),
                    "610910", "VN", 100, "PCS", 300, "BROKER" + (i % 5), "OFFICE" + (i % 3));
            shipments.add(s);
            double price = random.nextDouble();
            rules.put(s.declarationId(), new double[] {price, 0});
            if (random.nextDouble() < 0.3) {
                violations.put(s.declarationId(), random.nextDouble() < 0.05 + 0.6 * price * price);
            }
        }
        var model = InspectionLearner.fit(shipments, violations, rules, InspectionLearner.SETTINGS_DEFAULT)
                .orElseThrow();
        var text = new java.io.StringWriter();
        model.write(text);
        var kept = InspectionLearner.Model.read(new java.io.BufferedReader(new java.io.StringReader(text.toString())));

        var later = new ArrayList<Shipment>();
        var laterRules = new HashMap<String, double[]>();
        for (int i = 0; i < 20; i++) {
            later.add(new Shipment("N" + i, LocalDate.of(2025, 1, 1), "S1", "I" + i, "610910", "VN", 100, "PCS", 300,
                    "BROKER1", "OFFICE1"));
            laterRules.put("N" + i, new double[] {i / 20.0, 0});
        }
        assertThat(kept.predict(later, laterRules)).isEqualTo(model.predict(later, laterRules));
        assertThat(kept.predict(later, laterRules).get("N19")).isGreaterThan(kept.predict(later, laterRules).get("N0"));
        // An inspected declaration keeps the score of the fold that never saw its outcome.
        String inspected = violations.keySet().iterator().next();
        assertThat(kept.predict(shipments, rules).get(inspected)).isEqualTo(model.outOfFold().get(inspected));
    }

    @Test
    void tooFewInspectionsAndTheModelAbstains() {
        var shipments = List.of(new Shipment("D1", LocalDate.of(2024, 1, 1), "S", "B", "610910", "VN", 1, "PCS", 1));

        assertThat(InspectionLearner.learn(shipments, Map.of("D1", true), Map.of(),
                GradientBoostedTrees.Settings.DEFAULTS)).isEmpty();
    }

    private static double average(InspectionLearner.Learned learned, List<Shipment> shipments, String importer) {
        return shipments.stream().filter(s -> s.buyerId().equals(importer))
                .mapToDouble(s -> learned.probability().get(s.declarationId())).average().orElseThrow();
    }
}
