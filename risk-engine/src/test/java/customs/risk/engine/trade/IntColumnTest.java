package customs.risk.engine.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IntColumnTest {

    @Test
    void rowsHoldWhatWasSetAndStartAtTheInitialValue() {
        var column = IntColumn.of(1_000, -1);
        IntStream.range(0, 1_000).parallel().filter(i -> i % 3 == 0).forEach(i -> column.set(i, i * 2));

        assertThat(column.length()).isEqualTo(1_000);
        assertThat(column.get(999)).isEqualTo(1_998);
        assertThat(column.get(998)).isEqualTo(-1);
        assertThat(IntColumn.of(5, 0).get(4)).isZero();
    }

    @Test
    void anEmptyColumnAndARowOutsideAColumnAreHandled() {
        assertThat(IntColumn.of(0, 7).length()).isZero();
        var column = IntColumn.of(3, 0);

        assertThatThrownBy(() -> column.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> column.set(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
