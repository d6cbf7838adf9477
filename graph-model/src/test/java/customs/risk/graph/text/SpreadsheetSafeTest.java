package customs.risk.graph.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpreadsheetSafeTest {

    @Test
    void formulasBecomeTextAndEverythingElseStaysAsItIs() {
        assertThat(SpreadsheetSafe.text("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("'=HYPERLINK(\"http://x\",\"y\")");
        assertThat(SpreadsheetSafe.text("+cmd|' /C calc'!A0")).startsWith("'+");
        assertThat(SpreadsheetSafe.text("-2+3")).isEqualTo("'-2+3");
        assertThat(SpreadsheetSafe.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SpreadsheetSafe.text("\t=1")).isEqualTo("'\t=1");
        assertThat(SpreadsheetSafe.text("-12.5")).isEqualTo("-12.5");
        assertThat(SpreadsheetSafe.text("+1e-3")).isEqualTo("+1e-3");
        assertThat(SpreadsheetSafe.text("Acme = best")).isEqualTo("Acme = best");
        assertThat(SpreadsheetSafe.text("")).isEmpty();
        assertThat(SpreadsheetSafe.text(null)).isNull();
    }
}
