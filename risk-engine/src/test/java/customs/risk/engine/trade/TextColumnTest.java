package customs.risk.engine.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextColumnTest {

    @Test
    void rowsReadBackTheirTextsInAnyOrderAndRowsWithoutOneReadNull() {
        var column = TextColumn.of(4);
        column.set(3, "unit price 0.4x the median of HS 851712 (12 peers)");
        column.set(0, "prix unitaire: 0,4 × la médiane");

        assertThat(column.get(0)).isEqualTo("prix unitaire: 0,4 × la médiane");
        assertThat(column.get(1)).isNull();
        assertThat(column.get(3)).isEqualTo("unit price 0.4x the median of HS 851712 (12 peers)");
        assertThat(column.length()).isEqualTo(4);
    }

    @Test
    void aColumnOnceReadTakesNoMoreTexts() {
        var column = TextColumn.of(2);
        column.set(0, "first");
        column.get(0);

        assertThatThrownBy(() -> column.set(1, "late")).isInstanceOf(IllegalStateException.class);
    }
}
