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
    void theLargestValuesByRankAreThoseOfTheSortedColumn() {
        var random = new java.util.Random(7);
        double[] values = new double[5_000];
        for (int i = 0; i < values.length; i++) {
            // Ties, zeros, negatives and tiny differences, as scores and signals have.
            values[i] = i % 10 == 0 ? 0 : i % 7 == 0 ? 0.25 : random.nextDouble() * (i % 3 == 0 ? -1 : 1e-3);
        }
        var column = DoubleColumn.of(values.length, 0);
        for (int i = 0; i < values.length; i++) {
            column.set(i, values[i]);
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);

        for (int rank : new int[] {1, 2, 50, 714, 715, 1_000, 2_500, 4_999, 5_000}) {
            assertThat(column.largest(rank)).as("rank %d", rank).isEqualTo(sorted[sorted.length - rank]);
        }
        assertThatThrownBy(() -> column.largest(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRowOutsideTheColumnIsRefused() {
        var column = DoubleColumn.of(3, 0);

        assertThatThrownBy(() -> column.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> column.set(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
