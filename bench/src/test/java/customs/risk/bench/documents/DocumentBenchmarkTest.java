package customs.risk.bench.documents;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import customs.risk.bench.documents.DocumentBenchmark.Settings;
import customs.risk.documents.TestSearchEngine;
import customs.risk.documents.search.DocumentIndex;
import customs.risk.documents.search.DocumentQuery;
import customs.risk.documents.search.IndexedDocument;
import customs.risk.documents.search.SearchResults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentBenchmarkTest {

    @TempDir
    Path workDir;

    @Test
    void measuresBothEnginesOnTheSameDocumentsAndLeavesTheRealIndexAlone() throws IOException {
        var client = TestSearchEngine.client();
        var real = new DocumentIndex(client);
        boolean created = real.createIfMissing();
        try {
            real.index(new IndexedDocument(
                    "REAL-1",
                    "INVOICE",
                    "real.pdf",
                    "An invoice filed by a user: ultramarine walrus.",
                    List.of("C-REAL"),
                    List.of(),
                    List.of(),
                    LocalDate.of(2024, 1, 2),
                    "0".repeat(64),
                    "application/pdf",
                    10,
                    false,
                    false));
            real.refresh();
            long before = real.count();
            var printed = new ByteArrayOutputStream();
            var settings = new Settings(2_000, 7, 90, 18, 500, "bench-documents-test");

            var report = DocumentBenchmark.run(settings, workDir, client, new PrintStream(printed, true, UTF_8));

            assertThat(printed.toString(UTF_8))
                    .contains(
                            "Elasticsearch",
                            "plain Lucene",
                            "documents/s",
                            "query p95 (ms)",
                            "3,000 documents/s",
                            "p95 < 50 ms",
                            "Chinese");
            for (var figures : List.of(report.elasticsearch(), report.lucene())) {
                assertThat(figures.documents()).as(figures.engine()).isEqualTo(2_000);
                assertThat(figures.documentsPerSecond()).as(figures.engine()).isPositive();
                assertThat(figures.queriesRun()).as(figures.engine()).isEqualTo(90);
                assertThat(figures.p50Millis())
                        .as(figures.engine())
                        .isPositive()
                        .isLessThanOrEqualTo(figures.p95Millis());
                assertThat(figures.p95Millis()).as(figures.engine()).isLessThanOrEqualTo(figures.maxMillis());
            }
            for (QueryKind kind : QueryKind.values()) {
                int withHits = report.elasticsearch().byKind().get(kind).withHits()
                        + report.lucene().byKind().get(kind).withHits();
                assertThat(withHits)
                        .as("queries of kind '%s' that found something", kind.label())
                        .isPositive();
            }
            assertThat(report.totalsDiffering())
                    .as("queries where the engines disagree on the number of matches")
                    .isZero();

            assertThat(client.indices()
                            .exists(e -> e.index("bench-documents-test"))
                            .value())
                    .isFalse();
            assertThat(workDir).isEmptyDirectory();
            assertThat(real.count()).isEqualTo(before);
            assertThat(real.search(DocumentQuery.of("\"ultramarine walrus\"")).hits())
                    .extracting(SearchResults.Hit::documentId)
                    .containsExactly("REAL-1");
        } finally {
            if (created) {
                real.delete();
            }
        }
    }

    @Test
    void refusesToRunInTheApplicationsOwnIndex() {
        assertThatThrownBy(() -> new Settings(10, 1, 9, 0, 5, DocumentIndex.INDEX_NAME_DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("documents");
    }

    @Test
    void theSameSeedGivesTheSameDocumentsOfAboutOneKilobyteSomeInChinese() {
        var generator = new CustomsDocumentGenerator(11, 4_000);
        var again = new CustomsDocumentGenerator(11, 4_000);
        var documents = generator.documents(0, 4_000);

        assertThat(again.documents(1_000, 1_010)).isEqualTo(documents.subList(1_000, 1_010));
        assertThat(new CustomsDocumentGenerator(12, 4_000).document(5)).isNotEqualTo(documents.get(5));
        assertThat(documents)
                .extracting(IndexedDocument::docType)
                .containsOnly(
                        "INVOICE", "BILL_OF_LADING", "PACKING_LIST", "CERTIFICATE_OF_ORIGIN", "CONTRACT", "OTHER");
        double averageBytes = documents.stream()
                .mapToInt(d -> d.content().getBytes(UTF_8).length)
                .average()
                .orElseThrow();
        assertThat(averageBytes).isBetween(900.0, 1_400.0);
        long chinese =
                documents.stream().filter(d -> d.content().contains("报关单")).count();
        assertThat(chinese).isBetween(120L, 280L);
        assertThat(documents).allSatisfy(d -> {
            assertThat(d.companyIds()).hasSize(2);
            assertThat(d.hsCodes()).isNotEmpty();
            assertThat(d.filedOn()).isNotNull();
        });
    }
}
