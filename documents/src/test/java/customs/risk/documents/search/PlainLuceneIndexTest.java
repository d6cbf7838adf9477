package customs.risk.documents.search;

import static customs.risk.documents.search.DocumentIndexTest.doc;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainLuceneIndexTest {

    @TempDir
    Path folder;

    @Test
    void answersTheSameKindsOfQueriesAsTheElasticsearchIndex() throws IOException {
        try (var lucene = new PlainLuceneIndex(folder)) {
            lucene.index(List.of(
                    doc(
                            "L1",
                            "INVOICE",
                            "inv.pdf",
                            "Invoice for 200 laptops, letter of credit.",
                            List.of("C-A"),
                            List.of(),
                            List.of("847130"),
                            LocalDate.of(2023, 1, 5)),
                    doc(
                            "L2",
                            "CONTRACT",
                            "合同.docx",
                            "本合同规定卖方交付笔记本电脑，发票金额为十万美元。",
                            List.of("C-B"),
                            List.of(),
                            List.of("847130"),
                            LocalDate.of(2024, 2, 1)),
                    doc(
                            "L3",
                            "INVOICE",
                            "inv2.pdf",
                            "Invoice for frozen shrimp.",
                            List.of("C-B"),
                            List.of(),
                            List.of("030617"),
                            LocalDate.of(2024, 3, 1))));
            lucene.refresh();

            assertThat(lucene.search(DocumentQuery.of("invoices")).documentIds())
                    .containsExactlyInAnyOrder("L1", "L3");
            assertThat(lucene.search(DocumentQuery.of("\"letter of credit\"")).documentIds())
                    .containsExactly("L1");
            assertThat(lucene.search(DocumentQuery.of("发票金额")).documentIds()).containsExactly("L2");
            assertThat(lucene.search(DocumentQuery.of("invoice NOT shrimp")).documentIds())
                    .containsExactly("L1");
            assertThat(lucene.search(DocumentQuery.of("").withCompanies("C-B").withHsPrefix("0306"))
                            .documentIds())
                    .containsExactly("L3");
            assertThat(lucene.search(DocumentQuery.of("").withFiled(LocalDate.of(2024, 1, 1), null))
                            .total())
                    .isEqualTo(2);
            assertThat(lucene.search(DocumentQuery.of("").withPage(2, 5)).documentIds())
                    .hasSize(1);
        }
    }
}
