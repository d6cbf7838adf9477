package customs.risk.documents.engine;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.indices.analyze.AnalyzeToken;
import customs.risk.documents.TestSearchEngine;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedElasticsearchTest {

    @Test
    void listensOnLoopbackOnly() {
        var address = TestSearchEngine.node().httpAddress().orElseThrow();

        assertThat(address.getHost()).isEqualTo("127.0.0.1");
        assertThat(address.getPort()).isPositive();
    }

    @Test
    void theEnglishAnalyzerStemsAsInAFullDistribution() throws IOException {
        assertThat(analyze("english", "The invoices are shipped")).containsExactly("invoic", "ship");
    }

    @Test
    void theCjkAnalyzerMakesBigrams() throws IOException {
        assertThat(analyze("cjk", "发票金额")).containsExactly("发票", "票金", "金额");
    }

    private static List<String> analyze(String analyzer, String text) throws IOException {
        return TestSearchEngine.client()
                .indices()
                .analyze(a -> a.analyzer(analyzer).text(text))
                .tokens()
                .stream()
                .map(AnalyzeToken::token)
                .toList();
    }
}
