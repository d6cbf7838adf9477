package customs.risk.documents.search;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.documents.TestSearchEngine;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DocumentIndexTest {

    private static DocumentIndex index;

    @BeforeAll
    static void indexDocuments() throws IOException {
        index = new DocumentIndex(TestSearchEngine.client(), "documents-search-test");
        index.recreate();
        var outcome = index.index(List.of(
                doc(
                        "D1",
                        "INVOICE",
                        "invoice-1.pdf",
                        "Commercial invoice for 200 laptops, payment by letter of credit.",
                        List.of("C-ACME"),
                        List.of("DEC-1:1"),
                        List.of("847130"),
                        LocalDate.of(2023, 3, 1)),
                doc(
                        "D2",
                        "INVOICE",
                        "invoice-2.pdf",
                        "Invoice for frozen shrimp shipped from Busan. The quick ochre pelican jumps.",
                        List.of("C-SEA"),
                        List.of("DEC-2:1"),
                        List.of("030617"),
                        LocalDate.of(2024, 5, 2)),
                doc(
                        "D3",
                        "BILL_OF_LADING",
                        "bl-3.pdf",
                        "Bill of lading: 40 foot container of laptops, shipper ACME Trading.",
                        List.of("C-ACME"),
                        List.of("DEC-1:1"),
                        List.of("847130"),
                        LocalDate.of(2024, 6, 9)),
                doc(
                        "D4",
                        "CONTRACT",
                        "合同.docx",
                        "本合同规定卖方向买方交付笔记本电脑，发票金额为十万美元。",
                        List.of("C-SZ"),
                        List.of("DEC-4:1"),
                        List.of("847130"),
                        LocalDate.of(2024, 7, 1)),
                doc(
                        "D5",
                        "PACKING_LIST",
                        "packing.txt",
                        "Packing list: 20 cartons of shrimp, net weight 400 kg.",
                        List.of("C-SEA"),
                        List.of("DEC-2:1"),
                        List.of("030617"),
                        LocalDate.of(2024, 5, 3))));
        assertThat(outcome.rejected()).isEmpty();
        index.refresh();
    }

    @Test
    void aDocumentWithAUniquePhraseIsTheTopHitForThatPhrase() throws IOException {
        var results = index.search(DocumentQuery.of("\"quick ochre pelican\""));

        assertThat(results.hits()).extracting(SearchResults.Hit::documentId).containsExactly("D2");
        assertThat(results.hits().getFirst().snippets())
                .anySatisfy(s -> assertThat(s).contains("<em>"));
    }

    @Test
    void aPluralQueryFindsTheSingularThroughEnglishStemming() throws IOException {
        var results = index.search(DocumentQuery.of("invoices"));

        assertThat(results.hits()).extracting(SearchResults.Hit::documentId).contains("D1", "D2");
    }

    @Test
    void aChineseQueryFindsTheChineseDocument() throws IOException {
        var results = index.search(DocumentQuery.of("发票金额"));

        assertThat(results.hits()).extracting(SearchResults.Hit::documentId).containsExactly("D4");
        assertThat(results.hits().getFirst().snippets()).isNotEmpty();
    }

    @Test
    void booleanOperatorsCombineWords() throws IOException {
        assertThat(ids(index.search(DocumentQuery.of("laptops AND container")))).containsExactly("D3");
        assertThat(ids(index.search(DocumentQuery.of("pelican OR container")))).containsExactlyInAnyOrder("D2", "D3");
        assertThat(ids(index.search(DocumentQuery.of("shrimp NOT invoice")))).containsExactly("D5");
    }

    @Test
    void brokenSyntaxIsReadAsWordsInsteadOfFailing() throws IOException {
        var results = index.search(DocumentQuery.of("\"letter of credit (AND"));

        assertThat(ids(results)).contains("D1");
    }

    @Test
    void filtersNarrowTheHits() throws IOException {
        var all = DocumentQuery.of("");
        assertThat(ids(index.search(all.withDocTypes("INVOICE")))).containsExactlyInAnyOrder("D1", "D2");
        assertThat(ids(index.search(all.withCompanies("C-ACME")))).containsExactlyInAnyOrder("D1", "D3");
        assertThat(ids(index.search(all.withDeclarations("DEC-2:1")))).containsExactlyInAnyOrder("D2", "D5");
        assertThat(ids(index.search(all.withHsPrefix("0306")))).containsExactlyInAnyOrder("D2", "D5");
        assertThat(ids(index.search(all.withFiled(LocalDate.of(2024, 5, 3), LocalDate.of(2024, 6, 30)))))
                .containsExactlyInAnyOrder("D5", "D3");
        assertThat(ids(index.search(DocumentQuery.of("laptops").withDocTypes("INVOICE"))))
                .containsExactly("D1");
    }

    @Test
    void facetsCountAllMatchesByTypeCompanyAndYear() throws IOException {
        var results = index.search(DocumentQuery.of("").withPage(0, 1));

        assertThat(results.total()).isEqualTo(5);
        assertThat(results.hits()).hasSize(1);
        assertThat(results.types())
                .contains(new SearchResults.FacetCount("INVOICE", 2), new SearchResults.FacetCount("CONTRACT", 1));
        assertThat(results.companies())
                .contains(new SearchResults.FacetCount("C-ACME", 2), new SearchResults.FacetCount("C-SEA", 2));
        assertThat(results.years())
                .containsExactly(new SearchResults.FacetCount("2023", 1), new SearchResults.FacetCount("2024", 4));
    }

    @Test
    void pagesDoNotOverlapAndTogetherCoverEveryHit() throws IOException {
        var first = index.search(DocumentQuery.of("").withPage(0, 3));
        var second = index.search(DocumentQuery.of("").withPage(3, 3));

        assertThat(first.hits()).hasSize(3);
        assertThat(second.hits()).hasSize(2);
        assertThat(ids(first)).doesNotContainAnyElementsOf(ids(second));
        assertThat(second.total()).isEqualTo(5);
    }

    @Test
    void aReplacedDocumentIsFoundByItsNewTextOnly() throws IOException {
        index.index(doc("D9", "OTHER", "note.txt", "zanzibar marmalade", List.of(), List.of(), List.of(), null));
        index.refresh();
        index.index(doc("D9", "OTHER", "note.txt", "tasmanian honey", List.of(), List.of(), List.of(), null));
        index.refresh();

        assertThat(ids(index.search(DocumentQuery.of("marmalade")))).isEmpty();
        assertThat(ids(index.search(DocumentQuery.of("honey")))).containsExactly("D9");
        assertThat(index.remove("D9")).isTrue();
        index.refresh();
    }

    @Test
    void aHitWithoutMatchesInTheTextShowsItsBeginning() throws IOException {
        var results = index.search(DocumentQuery.of("").withDocTypes("PACKING_LIST"));

        assertThat(results.hits().getFirst().snippets())
                .containsExactly("Packing list: 20 cartons of shrimp, net weight 400 kg.");
    }

    @Test
    void recreatingTheIndexEmptiesItAndKeepsTheAnalyzers() throws IOException {
        var other = new DocumentIndex(TestSearchEngine.client(), "documents-reindex-test");
        other.recreate();
        other.index(doc("R1", "INVOICE", "a.pdf", "old invoices", List.of(), List.of(), List.of(), null));
        other.refresh();

        other.recreate();
        assertThat(other.count()).isZero();
        other.index(List.of(doc("R2", "INVOICE", "b.pdf", "rebuilt invoices", List.of(), List.of(), List.of(), null)));
        other.refresh();

        assertThat(ids(other.search(DocumentQuery.of("invoice")))).containsExactly("R2");
        other.delete();
    }

    @Test
    void healthIsUpWhileTheNodeRuns() {
        assertThat(index.health().up()).isTrue();
    }

    private static List<String> ids(SearchResults results) {
        return results.hits().stream().map(SearchResults.Hit::documentId).toList();
    }

    static IndexedDocument doc(
            String id,
            String type,
            String title,
            String content,
            List<String> companies,
            List<String> declarations,
            List<String> hs,
            LocalDate filed) {
        return new IndexedDocument(
                id,
                type,
                title,
                content,
                companies,
                declarations,
                hs,
                filed,
                "0".repeat(64),
                "text/plain",
                content.length(),
                false,
                false);
    }
}
