package customs.risk.ingest.kcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import customs.risk.graph.TestNeo4j;
import customs.risk.graph.files.FileStore;
import customs.risk.graph.store.GraphCounts;
import customs.risk.ingest.BundleException;
import customs.risk.ingest.BundleIngester;
import customs.risk.ingest.IngestListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KCS adapter on a slice of the real public file (datasets/kcs). */
class KcsConverterTest {

    private static final Path KCS_TRAIN = Path.of("../datasets/kcs/kcs_df_syn_train_eng.csv");

    @TempDir
    Path tmp;

    @Test
    void aSliceOfTheRealFileLoadsWithItsFraudLabelsAsInspections() throws Exception {
        Path slice = tmp.resolve("kcs-slice.csv");
        List<String> lines = Files.readAllLines(KCS_TRAIN).subList(0, 2001);
        Files.write(slice, lines);
        List<CSVRecord> rows;
        try (var parser = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(Files.newBufferedReader(slice))) {
            rows = parser.getRecords();
        }
        var loadable = rows.stream()
                .filter(r -> Double.parseDouble(r.get("Net Mass")) > 0)
                .toList();
        long frauds = loadable.stream().filter(r -> r.get("Fraud").equals("1")).count();
        long importers =
                loadable.stream().map(r -> r.get("Importer ID")).distinct().count();
        TestNeo4j.clear();

        Path bundle = tmp.resolve("bundle");
        assertThat(KcsConverter.convert(slice, bundle)).isEqualTo(2000);
        var result = new BundleIngester(TestNeo4j.driver(), new FileStore(tmp.resolve("files")))
                .ingest(bundle, tmp.resolve("report.csv"), IngestListener.NONE);

        var counts = GraphCounts.read(TestNeo4j.driver());
        assertThat(counts.declarations()).isEqualTo(loadable.size());
        // A declaration without mass breaks the contract (quantity > 0): it is rejected, and so is its inspection.
        assertThat(result.files().get("declarations.csv").rejected()).isEqualTo(rows.size() - loadable.size());
        assertThat(counts.inspections()).isEqualTo(loadable.size());
        assertThat(TestNeo4j.count("MATCH (i:Inspection {outcome: 'VIOLATION'}) RETURN count(i)"))
                .isEqualTo(frauds);
        assertThat(TestNeo4j.count("MATCH (:Declaration)-[:BOUGHT_BY]->(c:Company) RETURN count(DISTINCT c)"))
                .isEqualTo(importers);
        assertThat(counts.placeholders()).isZero();

        var first = loadable.getFirst();
        try (var session = TestNeo4j.driver().session()) {
            var d = session.run("""
                    MATCH (d:Declaration {id: $id})-[:CLASSIFIED_AS]->(h:HsCode),
                          (d)-[:DECLARED_BY]->(broker:Company), (d)-[:LODGED_AT]->(o:Office),
                          (d)-[:ORIGINATES_IN]->(origin:Country)
                    RETURN d.quantity AS mass, d.declaredValue AS price, d.valueUsd AS usd, h.code AS hs,
                           broker.id AS broker, o.code AS office, origin.code AS origin
                    """, java.util.Map.of("id", "KCS-" + first.get("Declaration ID")))
                    .single();
            assertThat(d.get("mass").asDouble()).isEqualTo(Double.parseDouble(first.get("Net Mass")));
            assertThat(d.get("price").asDouble()).isEqualTo(Double.parseDouble(first.get("Item Price")));
            assertThat(d.get("usd").asDouble())
                    .isCloseTo(
                            Double.parseDouble(first.get("Item Price")) / KcsConverter.KRW_PER_USD,
                            org.assertj.core.data.Offset.offset(0.01));
            assertThat(d.get("hs").asString()).isEqualTo(first.get("HS6 Code"));
            assertThat(d.get("broker").asString()).isEqualTo("KCS-DCL-" + first.get("Declarant ID"));
            assertThat(d.get("office").asString()).isEqualTo("KCS-" + first.get("Office ID"));
            assertThat(d.get("origin").asString()).isEqualTo(first.get("Country of Origin"));
        }
    }

    @Test
    void aFileThatIsNotKcsIsRefusedWithTheMissingColumns() throws Exception {
        Path other = tmp.resolve("other.csv");
        Files.writeString(other, "a,b\n1,2\n");

        assertThatThrownBy(() -> KcsConverter.convert(other, tmp.resolve("bundle")))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("not a KCS file")
                .hasMessageContaining("Declaration ID");
    }
}
