package customs.risk.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractRowsTest {

    private static Map<String, String> goodDeclaration() {
        var row = new HashMap<String, String>();
        row.put("declaration_id", "D-1");
        row.put("filed_on", "2024-03-31");
        row.put("direction", "IMPORT");
        row.put("office_code", "KRPUS");
        row.put("seller_id", "S-1");
        row.put("buyer_id", "B-1");
        row.put("hs_code", "847130");
        row.put("origin_country", "CN");
        row.put("quantity", "10");
        row.put("declared_value", "1200.50");
        return row;
    }

    @Test
    void aGoodRowHasNoProblems() {
        assertThat(ContractRows.problems("declarations.csv", goodDeclaration())).isEmpty();
    }

    @Test
    void everyBrokenColumnIsReportedNotOnlyTheFirst() {
        var row = goodDeclaration();
        row.remove("filed_on");
        row.put("quantity", "0");
        row.put("hs_code", "84");
        row.put("direction", "import");
        row.put("currency", "EURO");
        row.put("seller_id", "has space");

        assertThat(ContractRows.problems("declarations.csv", row))
                .containsOnly(
                        Map.entry("filed_on", "missing required value"),
                        Map.entry("quantity", "must be greater than 0"),
                        Map.entry("hs_code", "HS code must be 6 to 10 digits"),
                        Map.entry("direction", "unknown value; expected one of EXPORT, IMPORT"),
                        Map.entry("currency", "not an ISO-4217 currency code"),
                        Map.entry("seller_id", "malformed id (1-64 characters of A-Z a-z 0-9 . _ : -)"));
    }

    @Test
    void columnsFollowTheContractWithRequiredMarksAndEnumWords() {
        var columns = ContractRows.columns("inspections.csv");
        assertThat(columns)
                .extracting(ContractRows.ColumnRule::name)
                .containsExactly(
                        "declaration_id",
                        "inspected_on",
                        "outcome",
                        "violation_type",
                        "revenue_recovered",
                        "inspector");
        assertThat(columns.get(2))
                .isEqualTo(new ContractRows.ColumnRule("outcome", true, java.util.List.of("COMPLIANT", "VIOLATION")));
        assertThat(columns.get(3).required()).isFalse();
        assertThatThrownBy(() -> ContractRows.columns("nothing.csv")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void crossFieldRulesApplyToo() {
        var row = Map.of(
                "company_id",
                "C-1",
                "name",
                "Acme",
                "country",
                "KR",
                "registered_on",
                "2020-01-01",
                "dissolved_on",
                "2019-01-01");
        assertThat(ContractRows.problems("companies.csv", row)).containsOnlyKeys("dissolved_on");
    }
}
