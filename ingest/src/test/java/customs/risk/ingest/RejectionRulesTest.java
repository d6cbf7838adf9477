package customs.risk.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import customs.risk.graph.TestNeo4j;
import customs.risk.graph.files.FileStore;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule of docs/DATA-CONTRACT.md: the bad row is rejected with file, line, column and reason; the good rows load. */
class RejectionRulesTest {

    private static final String HEADER =
            "declaration_id,filed_on,direction,office_code,seller_id,buyer_id,hs_code,origin_country,quantity,declared_value,currency,transport_mode";
    private static final String GOOD = "D1,2024-01-02,IMPORT,KRPUS,C2,C1,847130,CN,10,100,USD,SEA";

    @TempDir
    Path tmp;

    @BeforeEach
    void emptyStore() {
        TestNeo4j.clear();
    }

    static Stream<Arguments> badDeclarations() {
        return Stream.of(
                Arguments.of(
                        "D2,2024-01-02,IMPORT,KRPUS,C2,,847130,CN,10,100,USD,SEA",
                        "buyer_id",
                        "missing required value"),
                Arguments.of(
                        "D 2,2024-01-02,IMPORT,KRPUS,C2,C1,847130,CN,10,100,USD,SEA", "declaration_id", "malformed id"),
                Arguments.of(
                        "D2,02/01/2024,IMPORT,KRPUS,C2,C1,847130,CN,10,100,USD,SEA",
                        "filed_on",
                        "not an ISO-8601 date"),
                Arguments.of(
                        "D2,2024-02-30,IMPORT,KRPUS,C2,C1,847130,CN,10,100,USD,SEA",
                        "filed_on",
                        "not an ISO-8601 date"),
                Arguments.of(
                        "D2,2024-01-02,IMPORT,KRPUS,C2,C1,847130,CN,-1,100,USD,SEA",
                        "quantity",
                        "must be greater than 0"),
                Arguments.of(
                        "D2,2024-01-02,IMPORT,KRPUS,C2,C1,847130,CN,0,100,USD,SEA",
                        "quantity",
                        "must be greater than 0"),
                Arguments.of(
                        "D2,2024-01-02,IMPORT,KRPUS,C2,C1,847130,CN,10,-100,USD,SEA",
                        "declared_value",
                        "must not be negative"),
                Arguments.of(
                        "D2,2024-01-02,IMPORT,KRPUS,C2,C1,847130,CN,10,\"1,000\",USD,SEA",
                        "declared_value",
                        "not a decimal"),
                Arguments.of(
                        "D2,2024-01-02,INBOUND,KRPUS,C2,C1,847130,CN,10,100,USD,SEA", "direction", "unknown value"),
                Arguments.of(
                        "D2,2024-01-02,IMPORT,KRPUS,C2,C1,847130,CN,10,100,USD,SHIP",
                        "transport_mode",
                        "unknown value"),
                Arguments.of(
                        "D2,2024-01-02,IMPORT,KRPUS,C2,C1,847130,China,10,100,USD,SEA", "origin_country", "ISO-3166"),
                Arguments.of("D2,2024-01-02,IMPORT,KRPUS,C2,C1,847130,CN,10,100,DOLLAR,SEA", "currency", "ISO-4217"),
                Arguments.of("D2,2024-01-02,IMPORT,KRPUS,C2,C1,8471,CN,10,100,USD,SEA", "hs_code", "6 to 10 digits"),
                Arguments.of("D2,2024-01-02,IMPORT,KRPUS,C2,C1,84713O,CN,10,100,USD,SEA", "hs_code", "6 to 10 digits"),
                Arguments.of(
                        "D2,2024-01-02,IMPORT,KRPUS,C2,C1,84713000001,CN,10,100,USD,SEA", "hs_code", "6 to 10 digits"),
                Arguments.of("D2,2024-1-02,IMPORT,KRPUS,C2,C1,847130,CN,10,100,USD,SEA", "filed_on", "ISO-8601"),
                Arguments.of(
                        "D2,2024-01-02,IMPORT,KRPUS,C2,C1,847130,CN,10,1e5,USD,SEA", "declared_value", "not a decimal"),
                Arguments.of(
                        "D2,2024-01-02,IMPORT,KRPUS,C2,C1,847130,CN,10,100.,USD,SEA",
                        "declared_value",
                        "not a decimal"),
                Arguments.of("D2,2024-01-02,IMPORT,KRPUS,C2,C1,847130,CN,+,100,USD,SEA", "quantity", "not a decimal"),
                Arguments.of("D2,2024-01-02,IMPORT,KRPUS,C2,C1,847130,CN,10,100,USD", "", "expected 12 fields"),
                Arguments.of("D1,2024-01-03,IMPORT,KRPUS,C2,C1,847130,CN,5,50,USD,SEA", "", "duplicate"),
                Arguments.of(
                        "D2,2024-01-02,IMPORT,KRPUS," + "C".repeat(70_000) + ",C1,847130,CN,10,100,USD,SEA",
                        "seller_id",
                        "a value of 70,000 characters"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("badDeclarations")
    void aBadRowIsRejectedAndTheRestLoads(String badRow, String column, String reason) throws Exception {
        var bundle = new TestBundle(tmp.resolve("b"))
                .file(
                        "declarations.csv",
                        HEADER + "\n" + GOOD + "\n" + badRow + "\nD3,2024-01-04,EXPORT,KRPUS,C1,C2,610910,KR,1,1,,\n");

        var result = new BundleIngester(TestNeo4j.driver(), new FileStore(tmp.resolve("files")))
                .ingest(bundle.dir(), tmp.resolve("report.csv"), IngestListener.NONE);

        assertThat(result.files().get("declarations.csv")).isEqualTo(new FileSummary(2, 1));
        assertThat(BundleIngesterTest.report(result))
                .filteredOn(r -> r.get("severity").equals("REJECTED"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.get("file")).isEqualTo("declarations.csv");
                    assertThat(r.get("line")).isEqualTo("3");
                    assertThat(r.get("column")).isEqualTo(column);
                    assertThat(r.get("reason")).contains(reason);
                });
        assertThat(TestNeo4j.count("MATCH (d:Declaration) WHERE d.id IN ['D1', 'D3'] RETURN count(d)"))
                .isEqualTo(2);
    }

    @Test
    void aValueThatASpreadsheetWouldRunIsQuotedAsTextInTheReport() throws Exception {
        var bundle = new TestBundle(tmp.resolve("b"))
                .file(
                        "declarations.csv",
                        HEADER + "\n" + GOOD + "\n"
                                + "D2,2024-01-02,IMPORT,KRPUS,C2,C1,847130,CN,10,100,\"=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")\",SEA\n");

        var result = new BundleIngester(TestNeo4j.driver(), new FileStore(tmp.resolve("files")))
                .ingest(bundle.dir(), tmp.resolve("report.csv"), IngestListener.NONE);

        assertThat(BundleIngesterTest.report(result))
                .filteredOn(r -> r.get("severity").equals("REJECTED"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.get("column")).isEqualTo("currency");
                    assertThat(r.get("value")).isEqualTo("'=HYPERLINK(\"http://x.example\",\"y\")");
                });
    }

    @Test
    void aRowThatNeverEndsStopsTheFileWithAReasonAndKeepsWhatCameBefore() throws Exception {
        String endless = "D2,2024-01-02,IMPORT,KRPUS,C2,C1,847130,CN,10,100,USD,\"" + "x".repeat(1_200_000);
        var bundle = new TestBundle(tmp.resolve("b")).file("declarations.csv", HEADER + "\n" + GOOD + "\n" + endless);

        var result = new BundleIngester(TestNeo4j.driver(), new FileStore(tmp.resolve("files")))
                .ingest(bundle.dir(), tmp.resolve("report.csv"), IngestListener.NONE);

        assertThat(result.files().get("declarations.csv").loaded()).isEqualTo(1);
        assertThat(BundleIngesterTest.report(result))
                .filteredOn(r -> r.get("severity").equals("REJECTED"))
                .singleElement()
                .satisfies(r -> assertThat(r.get("reason"))
                        .contains("the row starting on line 3 is longer than 1,000,000 characters"));
    }

    @Test
    void aHeaderThatNeverEndsRefusesTheBundleWithAReason() {
        var bundle =
                new TestBundle(tmp.resolve("b")).file("declarations.csv", "declaration_id" + "x".repeat(1_200_000));

        assertThatThrownBy(() -> new BundleIngester(TestNeo4j.driver(), new FileStore(tmp.resolve("files")))
                        .ingest(bundle.dir(), tmp.resolve("report.csv"), IngestListener.NONE))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("declarations.csv")
                .hasMessageContaining("longer than 1,000,000 characters");
    }

    static Stream<Arguments> badRowsOfOtherFiles() {
        return Stream.of(
                Arguments.of(
                        "companies.csv",
                        "company_id,name,country,registered_on,dissolved_on,employees\n"
                                + "C9,Late Ltd,KR,2020-01-01,2019-01-01,\n",
                        "dissolved_on",
                        "before registered_on"),
                Arguments.of(
                        "companies.csv",
                        "company_id,name,country,registered_on,dissolved_on,employees\n" + "C9,Many Ltd,KR,,,-4\n",
                        "employees",
                        "not a whole number"),
                Arguments.of("people.csv", "person_id,name,nationality\nP1,,KR\n", "name", "missing required value"),
                Arguments.of("officers.csv", "company_id,person_id,role\nC1,P1,CEO\n", "role", "unknown value"),
                Arguments.of(
                        "offices.csv",
                        "office_code,name,country,kind\nKRXX,Somewhere,KR,HARBOUR\n",
                        "kind",
                        "unknown value"),
                Arguments.of(
                        "exchange_rates.csv",
                        "currency,valid_on,rate_to_base\nEUR,2024-01-01,0\n",
                        "rate_to_base",
                        "greater than 0"),
                Arguments.of(
                        "inspections.csv",
                        "declaration_id,inspected_on,outcome\nD1,2024-01-05,GUILTY\n",
                        "outcome",
                        "unknown value"),
                Arguments.of(
                        "documents.csv",
                        "document_id,file,doc_type\nDOC1,a.txt,RECEIPT\n",
                        "doc_type",
                        "unknown value"));
    }

    @ParameterizedTest(name = "{0} {2}: {3}")
    @MethodSource("badRowsOfOtherFiles")
    void everyFileFollowsTheRules(String file, String content, String column, String reason) throws Exception {
        var bundle = new TestBundle(tmp.resolve("b"))
                .file("declarations.csv", HEADER + "\n" + GOOD + "\n")
                .file(file, content);

        var result = new BundleIngester(TestNeo4j.driver(), new FileStore(tmp.resolve("files")))
                .ingest(bundle.dir(), tmp.resolve("report.csv"), IngestListener.NONE);

        assertThat(result.files().get(file).rejected()).isEqualTo(1);
        assertThat(BundleIngesterTest.report(result))
                .filteredOn(r -> r.get("severity").equals("REJECTED"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.get("file")).isEqualTo(file);
                    assertThat(r.get("line")).isEqualTo("2");
                    assertThat(r.get("column")).isEqualTo(column);
                    assertThat(r.get("reason")).contains(reason);
                });
        assertThat(result.files().get("declarations.csv").loaded()).isEqualTo(1);
    }
}
