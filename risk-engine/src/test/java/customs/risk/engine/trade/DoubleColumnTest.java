package customs.risk.engine.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DoubleColumnTest {

    @Test
    void rowsHoldWhatWasSetAndStartAtTheInitialValue() {
        var column = DoubleColumn.of(1_000, Double.NaN);
        IntStream.range(0, 1_000).parallel().filter(i -> i % 3 == 0).forEach(i -> column.set(i, i * 0.5));

        assertThat(column.length()).isEqualTo(1_000);
        assertThat(column.get(999)).isEqualTo(499.5);
        assertThat(column.get(998)).isNaN();
        assertThat(DoubleColumn.zeros(2, 5)[1].get(4)).isZero();
    }

    @Test
    void aRowOutsideTheColumnIsRefused() {
        var column = DoubleColumn.of(3, 0);

        assertThatThrownBy(() -> column.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> column.set(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
