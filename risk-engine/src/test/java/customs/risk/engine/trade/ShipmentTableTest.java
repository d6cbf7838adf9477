package customs.risk.engine.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ShipmentTableTest {

    private static final Shipment FULL = new Shipment(
            "D-1 ü",
            LocalDate.of(2024, 3, 1),
            "S1",
            "B1",
            "85171200",
            "CN",
            12.5,
            "PCS",
            1_000,
            "BROKER",
            "OFF1",
            3.25,
            8,
            Map.of("direction", "IMPORT", "x_kind", "a"));
    private static final Shipment BARE =
            new Shipment("D-2", LocalDate.of(2024, 3, 2), "S2", "S2", "850440", "DE", 1, "KG", Double.NaN);

    @Test
    void rowsReadBackAsTheyWereAddedAcrossParts() {
        var values = ShipmentTable.values();
        var first = ShipmentTable.builder(values);
        var second = ShipmentTable.builder(values);
        first.add(FULL, 7);
        second.add(BARE, 0);
        second.add(FULL, -3);

        var table = ShipmentTable.of(values, List.of(first, second));

        assertThat(table).containsExactly(FULL, BARE, FULL);
        assertThat(table.get(1).declarantId()).isNull();
        assertThat(table.get(1).valueUsd()).isNaN();
        assertThat(List.of(table.tag(0), table.tag(1), table.tag(2))).containsExactly(7L, 0L, -3L);
        // Repeated values are held once, so rows share them.
        assertThat(table.get(0).sellerId()).isSameAs(table.get(2).sellerId());
        assertThat(table.get(0).attributes()).isSameAs(table.get(2).attributes());
    }

    @Test
    void threadsReadingRowsInTurnEachGetTheRowTheyAskFor() throws Exception {
        var values = ShipmentTable.values();
        var builder = ShipmentTable.builder(values);
        builder.add(FULL, 0);
        builder.add(BARE, 0);
        var table = ShipmentTable.of(values, List.of(builder));

        assertThat(List.of(table.get(0), table.get(0), table.get(1), table.get(0)))
                .containsExactly(FULL, FULL, BARE, FULL);
        var other = CompletableFuture.supplyAsync(() -> table.get(1)).get();
        assertThat(other).isEqualTo(BARE);
        assertThat(table.get(0)).isEqualTo(FULL);
    }

    @Test
    void aTableIsNotCopiedOntoTheHeapByTheTradeItFeeds() {
        var values = ShipmentTable.values();
        var builder = ShipmentTable.builder(values);
        builder.add(BARE, 0);
        var table = ShipmentTable.of(values, List.of(builder));

        assertThat(new TradeData(table, List.of(), List.of()).shipments()).isSameAs(table);
    }

    @Test
    void anEmptyTableHasNoRows() {
        var table = ShipmentTable.of(ShipmentTable.values(), List.of(ShipmentTable.builder(ShipmentTable.values())));

        assertThat(table).isEmpty();
        assertThatThrownBy(() -> table.get(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
