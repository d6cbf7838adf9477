package customs.risk.engine.price;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.engine.trade.Shipment;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The price model on goods whose fair price falls with lot size: the peer rule finds the planted
 * prices, the features carry the lot size, and the model survives a round trip through files.
 */
class PriceModelTest {

    private static final LocalDate START = LocalDate.of(2024, 1, 1);
    private final Random random = new Random(11);
    private final List<Shipment> shipments = new ArrayList<>();
    private final List<String> mispriced = new ArrayList<>();
    private int serial;

    @Test
    void thePeerRuleFindsMispricedItemsAndTheModelIsKeptInFiles(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 3_000; i++) {
            boolean planted = i % 50 == 0;
            double factor = planted ? (i % 100 == 0 ? 0.25 : 4.0) : 1;
            String id = item(factor);
            if (planted) {
                mispriced.add(id);
            }
        }

        var model = PriceModel.fit(shipments, 20);

        var deviations = model.deviations(shipments);
        var ranked = deviations.entrySet().stream()
                .sorted((a, b) -> Double.compare(
                        Math.abs(b.getValue().robustZ()), Math.abs(a.getValue().robustZ())))
                .limit(mispriced.size())
                .map(Map.Entry::getKey)
                .toList();
        assertThat(ranked.stream().filter(mispriced::contains).count())
                .as("mispriced items among the top %d deviations", mispriced.size())
                .isGreaterThanOrEqualTo(mispriced.size() * 9L / 10);
        var cheap = deviations.get(mispriced.getFirst());
        assertThat(cheap.robustZ()).isLessThan(-3);
        assertThat(cheap.ratioToMedian()).isBetween(0.15, 0.35);
        assertThat(cheap.describe()).contains("unit price 0.", "x the median of HS 847130 from CN");

        model.save(dir);
        var loaded = PriceModel.load(dir);
        var large = shipments.stream()
                .max(java.util.Comparator.comparingDouble(Shipment::quantity))
                .orElseThrow();
        assertThat(loaded.features(large)[3])
                .as("lot size within the goods, scaled")
                .isPositive()
                .isEqualTo(model.features(large)[3]);
        var again = loaded.deviations(shipments);
        assertThat(again).hasSameSizeAs(deviations);
        for (String id : mispriced) {
            assertThat(again.get(id).robustZ())
                    .isCloseTo(deviations.get(id).robustZ(), org.assertj.core.api.Assertions.within(1e-4));
        }
    }

    /** A laptop line: 400 USD a piece at a lot of 100, cheaper per piece in larger lots, noise 0.15. */
    private String item(double factor) {
        double quantity = Math.round(100 * Math.exp(0.8 * random.nextGaussian())) + 1;
        double unit = 400 * Math.pow(quantity / 100, -0.15) * Math.exp(0.15 * random.nextGaussian()) * factor;
        String id = "D" + (++serial);
        shipments.add(new Shipment(
                id,
                START.plusDays(serial % 700),
                "S" + serial % 40,
                "B" + serial % 60,
                "847130",
                "CN",
                quantity,
                "PCS",
                quantity * unit));
        return id;
    }
}
