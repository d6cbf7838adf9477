package customs.risk.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import customs.risk.graph.TestNeo4j;
import customs.risk.graph.files.FileStore;
import customs.risk.graph.store.GraphCounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;

class BundleIngesterTest {

    @TempDir
    Path tmp;

    private Driver driver;
    private FileStore files;
    private BundleIngester ingester;

    @BeforeEach
    void emptyStore() {
        driver = TestNeo4j.driver();
        TestNeo4j.clear();
        files = new FileStore(tmp.resolve("files"));
        ingester = ingester(driver, files, 2);
    }

    /** Over Bolt only, as against an external server. */
    BundleIngester ingester(Driver driver, FileStore files, int batchSize) {
        return new BundleIngester(driver, files, batchSize);
    }

    @Test
    void aConsistentBundleLoadsCompletely() throws Exception {
        var bundle = TestBundle.standard(tmp.resolve("b"));

        var result = ingest(bundle);

        assertThat(result.rejected()).isZero();
        assertThat(result.placeholders()).isZero();
        assertThat(GraphCounts.read(driver)).isEqualTo(new GraphCounts(4, 0, 3, 2, 0, 0, 0));
        assertThat(TestNeo4j.count("""
                MATCH (d:Declaration {id: 'D1:1'})-[:SOLD_BY]->(:Company {id: 'C2'}),
                      (d)-[:BOUGHT_BY]->(:Company {id: 'C1'}), (d)-[:DECLARED_BY]->(:Company {id: 'B1'}),
                      (d)-[:LODGED_AT]->(:Office {code: 'KRPUS'}), (d)-[:ORIGINATES_IN]->(:Country {code: 'CN'})
                RETURN count(d)""")).isEqualTo(1);
    }

    @Test
    void hsCodesFormTheirHierarchy() throws Exception {
        ingest(TestBundle.standard(tmp.resolve("b")));

        assertThat(TestNeo4j.count("""
                MATCH (:Declaration {id: 'D1:2'})-[:CLASSIFIED_AS]->(:HsCode {code: '8471300000'})
                      -[:PART_OF]->(:HsCode {code: '847130'})-[:PART_OF]->(:HsCode {code: '8471'})
                      -[:PART_OF]->(h:HsCode {code: '84'})
                RETURN count(h)""")).isEqualTo(1);
    }

    @Test
    void valuesAreConvertedWithTheRateInForceOnTheFilingDate() throws Exception {
        ingest(TestBundle.standard(tmp.resolve("b")));

        try (var session = driver.session()) {
            // EUR 10,000 filed 2024-01-02: the rate of 2023-12-01 (1.10) holds, not the later 1.20.
            assertThat(session.run("MATCH (d:Declaration {id: 'D1:2'}) RETURN d.valueUsd")
                            .single()
                            .get(0)
                            .asDouble())
                    .isCloseTo(11_000.0, org.assertj.core.data.Offset.offset(0.01));
            // No currency means the base currency.
            assertThat(session.run("MATCH (d:Declaration {id: 'D2'}) RETURN d.valueUsd, d.currency")
                            .single()
                            .get(1)
                            .asString())
                    .isEqualTo("USD");
        }
    }

    @Test
    void aMissingRateLeavesTheUsdValueEmptyAndWarns() throws Exception {
        var bundle =
                TestBundle.standard(tmp.resolve("b")).file("exchange_rates.csv", "currency,valid_on,rate_to_base\n");

        var result = ingest(bundle);

        assertThat(result.rejected()).isZero();
        assertThat(report(result)).anySatisfy(r -> {
            assertThat(r.get("severity")).isEqualTo("WARNING");
            assertThat(r.get("line")).isEqualTo("3");
            assertThat(r.get("reason")).contains("no exchange rate for EUR");
        });
        try (var session = driver.session()) {
            assertThat(session.run("MATCH (d:Declaration {id: 'D1:2'}) RETURN d.valueUsd")
                            .single()
                            .get(0)
                            .isNull())
                    .isTrue();
        }
    }

    @Test
    void loadingTheSameBundleTwiceChangesNothing() throws Exception {
        var bundle = TestBundle.standard(tmp.resolve("b"))
                .file("people.csv", "person_id,name,nationality\nP1,Kim Min-jun,KR\n")
                .file("officers.csv", "company_id,person_id,role,since\nC1,P1,DIRECTOR,2012-01-01\nC3,P1,DIRECTOR,\n")
                .file(
                        "inspections.csv",
                        "declaration_id,inspected_on,outcome,violation_type,revenue_recovered\n"
                                + "D1:1,2024-01-05,VIOLATION,UNDERVALUATION,1200\n")
                .file("docs/inv1.txt", "Commercial invoice 1")
                .file(
                        "documents.csv",
                        "document_id,file,doc_type,declaration_id,company_id\n"
                                + "DOC1,docs/inv1.txt,INVOICE,D1:1,C2\n");
        ingest(bundle);
        long nodes = TestNeo4j.count("MATCH (n) RETURN count(n)");
        long relationships = TestNeo4j.count("MATCH ()-[r]->() RETURN count(r)");
        var properties = snapshotOfProperties();

        var second = ingest(bundle);

        assertThat(second.rejected()).isZero();
        assertThat(TestNeo4j.count("MATCH (n) RETURN count(n)")).isEqualTo(nodes);
        assertThat(TestNeo4j.count("MATCH ()-[r]->() RETURN count(r)")).isEqualTo(relationships);
        assertThat(snapshotOfProperties()).isEqualTo(properties);
    }

    @Test
    void aCorrectedRowReplacesTheOldOne() throws Exception {
        ingest(TestBundle.standard(tmp.resolve("b")));
        var correction = new TestBundle(tmp.resolve("c")).file("declarations.csv", """
                declaration_id,filed_on,direction,office_code,seller_id,buyer_id,hs_code,origin_country,quantity,declared_value
                D2,2024-02-10,EXPORT,KRPUS,C1,C3,610910,KR,1000,7000
                """);

        ingest(correction);

        assertThat(TestNeo4j.count(
                        "MATCH (:Declaration {id: 'D2'})-[r:BOUGHT_BY|LODGED_AT|DECLARED_BY]->() RETURN count(r)"))
                .isEqualTo(2);
        assertThat(TestNeo4j.count(
                        "MATCH (:Declaration {id: 'D2'})-[:BOUGHT_BY]->(:Company {id: 'C3'}) RETURN count(*)"))
                .isEqualTo(1);
    }

    @Test
    void unknownReferencesBecomePlaceholdersThatTheReportLists() throws Exception {
        var bundle = new TestBundle(tmp.resolve("b")).file("declarations.csv", """
                declaration_id,filed_on,direction,office_code,seller_id,buyer_id,declarant_id,hs_code,origin_country,quantity,declared_value
                D1,2024-01-02,IMPORT,KRPUS,X9,C1,,847130,CN,10,100
                D2,2024-01-03,IMPORT,KRPUS,X9,C1,,847130,CN,10,100
                """);

        var result = ingest(bundle);

        assertThat(result.rejected()).isZero();
        assertThat(GraphCounts.read(driver).placeholders()).isEqualTo(3);
        assertThat(result.placeholders()).isEqualTo(3);
        assertThat(report(result))
                .filteredOn(r -> r.get("severity").equals("PLACEHOLDER"))
                .extracting(r -> r.get("column") + "=" + r.get("value") + "@" + r.get("line"))
                .containsExactlyInAnyOrder("seller_id=X9@2", "buyer_id=C1@2", "office_code=KRPUS@2");

        // When the real rows arrive, the placeholders become ordinary nodes.
        ingest(
                new TestBundle(tmp.resolve("c"))
                        .file("companies.csv", TestBundle.COMPANIES)
                        .file("offices.csv", TestBundle.OFFICES)
                        .file(
                                "declarations.csv",
                                "declaration_id,filed_on,direction,office_code,seller_id,buyer_id,hs_code,origin_country,quantity,declared_value\n"));
        assertThat(GraphCounts.read(driver).placeholders()).isEqualTo(1);
        assertThat(TestNeo4j.count("MATCH (c:Company:Placeholder {id: 'X9'}) RETURN count(c)"))
                .isEqualTo(1);
    }

    @Test
    void companiesThatShareAnAddressOrPhoneWrittenDifferentlyShareOneNode() throws Exception {
        ingest(TestBundle.standard(tmp.resolve("b")));

        assertThat(TestNeo4j.count("""
                MATCH (:Company {id: 'C1'})-[:HAS_ADDRESS]->(a:Address)<-[:HAS_ADDRESS]-(:Company {id: 'C3'})
                RETURN count(a)""")).isEqualTo(1);
        assertThat(TestNeo4j.count("""
                MATCH (:Company {id: 'C1'})-[:HAS_PHONE]->(p:Phone {key: '+82511234567'})<-[:HAS_PHONE]-(:Company {id: 'C3'})
                RETURN count(p)""")).isEqualTo(1);
    }

    @Test
    void documentsGoToTheFileStoreOnceAndAreLinked() throws Exception {
        var bundle = TestBundle.standard(tmp.resolve("b"))
                .file("docs/inv1.txt", "Commercial invoice: 100 laptops")
                .file("docs/copy-of-inv1.txt", "Commercial invoice: 100 laptops")
                .file("documents.csv", """
                        document_id,file,doc_type,declaration_id,company_id,filed_on
                        DOC1,docs/inv1.txt,INVOICE,D1:1,C2,2024-01-02
                        DOC2,docs/copy-of-inv1.txt,INVOICE,,C1,
                        DOC3,docs/missing.txt,INVOICE,,,
                        DOC4,../../etc/passwd,OTHER,,,
                        """);

        var result = ingest(bundle);

        assertThat(result.files().get("documents.csv")).isEqualTo(new FileSummary(2, 2));
        try (var session = driver.session()) {
            var sha = session.run("""
                    MATCH (c:Company {id: 'C2'})-[:FILED]->(d:Document {id: 'DOC1'})-[:SUPPORTS]->(:Declaration {id: 'D1:1'})
                    RETURN d.sha256""").single().get(0).asString();
            assertThat(new String(files.read(sha), StandardCharsets.UTF_8))
                    .isEqualTo("Commercial invoice: 100 laptops");
            assertThat(session.run("MATCH (d:Document {id: 'DOC2'}) RETURN d.sha256")
                            .single()
                            .get(0)
                            .asString())
                    .isEqualTo(sha);
        }
        try (var stored = Files.walk(tmp.resolve("files"))) {
            assertThat(stored.filter(p -> p.getFileName().toString().length() == 64)
                            .count())
                    .isEqualTo(1);
        }
        assertThat(report(result))
                .filteredOn(r -> r.get("severity").equals("REJECTED"))
                .extracting(r -> r.get("line") + ":" + r.get("column"))
                .containsExactlyInAnyOrder("4:file", "5:file");
    }

    @Test
    void aFiledDocumentIsNeverReplacedByALaterBundle() throws Exception {
        ingest(TestBundle.standard(tmp.resolve("b"))
                .file("docs/inv1.txt", "Commercial invoice: 100 laptops")
                .file(
                        "documents.csv",
                        "document_id,file,doc_type,declaration_id,company_id\n"
                                + "DOC1,docs/inv1.txt,INVOICE,D1:1,C2\n"));
        try (var session = driver.session()) {
            session.run("CREATE (:Document {id: 'ATT-1', sha256: 'abc', caseId: 'CASE-1'})")
                    .consume();
        }

        var tampering = new TestBundle(tmp.resolve("t"))
                .file("declarations.csv", """
                        declaration_id,filed_on,direction,office_code,seller_id,buyer_id,hs_code,origin_country,quantity,declared_value
                        D9,2024-02-10,EXPORT,KRPUS,C1,C3,610910,KR,1000,7000
                        """)
                .file("docs/forged.txt", "Commercial invoice: 10 laptops")
                .file(
                        "documents.csv",
                        "document_id,file,doc_type,declaration_id,company_id\n"
                                + "DOC1,docs/forged.txt,INVOICE,D9,C1\n"
                                + "ATT-1,docs/forged.txt,OTHER,,\n"
                                + "DOC5,docs/forged.txt,INVOICE,D9,C1\n");
        var result = ingest(tampering);

        assertThat(result.files().get("documents.csv")).isEqualTo(new FileSummary(1, 2));
        assertThat(report(result))
                .filteredOn(r -> r.get("severity").equals("REJECTED"))
                .extracting(r -> r.get("line") + ":" + r.get("column"))
                .containsExactlyInAnyOrder("2:document_id", "3:document_id");
        try (var session = driver.session()) {
            var sha = session.run("""
                    MATCH (c:Company {id: 'C2'})-[:FILED]->(d:Document {id: 'DOC1'})-[:SUPPORTS]->(:Declaration {id: 'D1:1'})
                    RETURN d.sha256""").single().get(0).asString();
            assertThat(new String(files.read(sha), StandardCharsets.UTF_8))
                    .isEqualTo("Commercial invoice: 100 laptops");
            assertThat(TestNeo4j.count("MATCH (:Document {id: 'DOC1'})-[r]-() RETURN count(r)"))
                    .isEqualTo(2);
            assertThat(TestNeo4j.count("MATCH (:Document {id: 'ATT-1'})-[r]-() RETURN count(r)"))
                    .isZero();
        }
    }

    @Test
    void inspectionsOfUnknownDeclarationsAreRejected() throws Exception {
        var bundle = TestBundle.standard(tmp.resolve("b")).file("inspections.csv", """
                declaration_id,inspected_on,outcome,violation_type,revenue_recovered,inspector
                D1:1,2024-01-05,VIOLATION,UNDERVALUATION,1200,Lee
                NOPE,2024-01-05,COMPLIANT,,,Lee
                """);

        var result = ingest(bundle);

        assertThat(result.files().get("inspections.csv")).isEqualTo(new FileSummary(1, 1));
        assertThat(report(result)).anySatisfy(r -> {
            assertThat(r.get("file")).isEqualTo("inspections.csv");
            assertThat(r.get("line")).isEqualTo("3");
            assertThat(r.get("reason")).contains("unknown declaration");
        });
        assertThat(
                        TestNeo4j.count(
                                "MATCH (:Inspection {outcome: 'VIOLATION'})-[:OF]->(:Declaration {id: 'D1:1'}) RETURN count(*)"))
                .isEqualTo(1);
    }

    @Test
    void unknownColumnsAreKeptAndReportedOnce() throws Exception {
        var bundle = new TestBundle(tmp.resolve("b")).file("declarations.csv", """
                declaration_id,filed_on,direction,office_code,seller_id,buyer_id,hs_code,origin_country,quantity,declared_value,container_no
                D1,2024-01-02,IMPORT,KRPUS,C2,C1,847130,CN,10,100,MSCU1234567
                D2,2024-01-02,IMPORT,KRPUS,C2,C1,847130,CN,10,100,MSCU7654321
                """);

        var result = ingest(bundle);

        assertThat(report(result))
                .filteredOn(r -> r.get("severity").equals("WARNING"))
                .singleElement()
                .satisfies(r -> assertThat(r.get("column")).isEqualTo("container_no"));
        assertThat(TestNeo4j.count("MATCH (d:Declaration {x_container_no: 'MSCU1234567'}) RETURN count(d)"))
                .isEqualTo(1);
    }

    @Test
    void aRegistrationNumberIsStoredTrimmedAndABlankOneIsAbsent() throws Exception {
        var bundle = TestBundle.standard(tmp.resolve("b")).file("companies.csv", """
                company_id,name,country,registration_number
                C1,Acme Trading,KR," 123-45-67890 "
                C2,Shenzhen Beta Ltd,CN,
                B1,Quick Customs Brokers,KR,"  "
                """);

        var result = ingest(bundle);

        assertThat(result.rejected()).isZero();
        assertThat(TestNeo4j.count("MATCH (c:Company {id: 'C1', registrationNumber: '123-45-67890'}) RETURN count(c)"))
                .isEqualTo(1);
        assertThat(TestNeo4j.count("""
                MATCH (c:Company) WHERE c.id IN ['C2', 'B1'] AND c.registrationNumber IS NULL
                RETURN count(c)""")).isEqualTo(2);
    }

    @Test
    void progressReachesTheEnd() throws Exception {
        var seen = new ArrayList<IngestProgress>();

        ingester.ingest(TestBundle.standard(tmp.resolve("b")).dir(), tmp.resolve("r.csv"), seen::add);

        assertThat(seen).isNotEmpty();
        assertThat(seen.getLast().fraction()).isEqualTo(1.0);
        assertThat(seen.getLast().rowsRead()).isEqualTo(4 + 2 + 2 + 3);
    }

    @Test
    void aBundleWithoutDeclarationsIsRefusedWholesale() {
        var bundle = new TestBundle(tmp.resolve("b")).file("companies.csv", TestBundle.COMPANIES);

        assertThatThrownBy(() -> ingest(bundle))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("declarations.csv is missing");
        assertThat(GraphCounts.read(driver).companies()).isZero();
    }

    @Test
    void aWrongHeaderIsRefusedBeforeAnythingLoads() {
        var bundle = TestBundle.standard(tmp.resolve("b")).file("offices.csv", "code,name,country\nKRPUS,Busan,KR\n");

        assertThatThrownBy(() -> ingest(bundle))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("offices.csv")
                .hasMessageContaining("office_code");
        assertThat(GraphCounts.read(driver).companies()).isZero();
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWithItsLine() {
        byte[] latin1 = "company_id,name,country\nC1,Soci\u00e9t\u00e9 G\u00e9n\u00e9rale,FR\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        var bundle = TestBundle.standard(tmp.resolve("b")).bytes("companies.csv", latin1);

        assertThatThrownBy(() -> ingest(bundle))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("companies.csv: not UTF-8")
                .hasMessageContaining("line 2");
        assertThat(GraphCounts.read(driver).declarations()).isZero();
    }

    @Test
    void aByteOrderMarkIsTolerated() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = TestBundle.OFFICES.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(text, 0, withBom, bom.length, text.length);

        var result = ingest(TestBundle.standard(tmp.resolve("b")).bytes("offices.csv", withBom));

        assertThat(result.files().get("offices.csv")).isEqualTo(new FileSummary(2, 0));
    }

    private IngestResult ingest(TestBundle bundle) throws BundleException {
        return ingester.ingest(bundle.dir(), tmp.resolve("report-" + System.nanoTime() + ".csv"), IngestListener.NONE);
    }

    static List<CSVRecord> report(IngestResult result) throws IOException {
        try (var parser = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(Files.newBufferedReader(result.report()))) {
            return parser.getRecords();
        }
    }

    private List<String> snapshotOfProperties() {
        try (var session = driver.session()) {
            return session
                    .run("MATCH (n) RETURN labels(n) + [k IN keys(n) | k + '=' + toString(n[k])] AS props")
                    .list(r -> r.get(0).asList().toString())
                    .stream()
                    .sorted()
                    .toList();
        }
    }
}
