package customs.risk.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The forms each column type accepts, as the data contract states them. */
class ColumnTypeTest {

    @Test
    void decimalsMayHaveASignAndAFractionButNoExponent() {
        assertThat(ColumnType.NON_NEGATIVE.parse(".5", Set.of())).isEqualTo(0.5);
        assertThat(ColumnType.NON_NEGATIVE.parse("+3.25", Set.of())).isEqualTo(3.25);
        assertThat(ColumnType.NON_NEGATIVE.parse("0.1", Set.of())).isEqualTo(0.1);
        assertThat(ColumnType.POSITIVE.parse("40000", Set.of())).isEqualTo(40000.0);
        for (String bad : new String[] {"1e5", "5.", ".", "-", "1.2.3", "NaN", "Infinity", "0x10", "12d"}) {
            assertThatThrownBy(() -> ColumnType.NON_NEGATIVE.parse(bad, Set.of()))
                    .as(bad)
                    .hasMessageContaining("not a decimal");
        }
    }

    @Test
    void datesAreIsoCalendarDates() {
        assertThat(ColumnType.DATE.parse("2024-02-29", Set.of())).isEqualTo(LocalDate.of(2024, 2, 29));
        for (String bad : new String[] {"2023-02-29", "2024-13-01", "2024-1-02", "2024/01/02", "20240102"}) {
            assertThatThrownBy(() -> ColumnType.DATE.parse(bad, Set.of()))
                    .as(bad)
                    .hasMessageContaining("ISO-8601");
        }
    }

    @Test
    void idsCodesUnitsAndCountsKeepToTheirCharacters() {
        assertThat(ColumnType.ID.parse("D1:2_a-b.c", Set.of())).isEqualTo("D1:2_a-b.c");
        assertThatThrownBy(() -> ColumnType.ID.parse("D 1", Set.of())).hasMessageContaining("malformed id");
        assertThatThrownBy(() -> ColumnType.ID.parse("x".repeat(65), Set.of())).hasMessageContaining("malformed id");
        assertThat(ColumnType.HS_CODE.parse("8471300000", Set.of())).isEqualTo("8471300000");
        assertThat(ColumnType.UNIT.parse("M2", Set.of())).isEqualTo("M2");
        assertThatThrownBy(() -> ColumnType.UNIT.parse("2M", Set.of())).hasMessageContaining("malformed unit");
        assertThatThrownBy(() -> ColumnType.UNIT.parse("kg", Set.of())).hasMessageContaining("malformed unit");
        assertThat(ColumnType.INTEGER.parse("+40", Set.of())).isEqualTo(40L);
        assertThatThrownBy(() -> ColumnType.INTEGER.parse("-4", Set.of())).hasMessageContaining("whole number");
        assertThatThrownBy(() -> ColumnType.INTEGER.parse("1".repeat(19), Set.of()))
                .hasMessageContaining("whole number");
    }
}
