package customs.risk.engine.price;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.engine.trade.Shipment;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupedNumbersTest {

    @Test
    void eachGroupGetsItsItemsNumbersAndItemsWithoutAGroupAreLeftOut() {
        var items = List.of(
                item("D1", "420221", 3), item("D2", "610910", 5), item("D3", "420221", 1), item("D4", "000000", 9));
        var groups = new HashMap<String, double[]>();

        GroupedNumbers.forEach(
                items,
                s -> s.hs6().equals("000000") ? null : s.hs6(),
                Shipment::unitValueUsd,
                (key, values) -> groups.put(key, values));

        assertThat(groups).containsOnlyKeys("420221", "610910");
        double[] bags = groups.get("420221");
        Arrays.sort(bags);
        assertThat(bags).containsExactly(1, 3);
        assertThat(groups.get("610910")).containsExactly(5);
    }

    private static Shipment item(String id, String hs6, double unitPrice) {
        return new Shipment(id, LocalDate.of(2024, 1, 1), "S", "B", hs6, "IT", 1, "PCS", unitPrice);
    }
}
