package customs.risk.ui.documents;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.ui.documents.Snippets.Part;
import org.junit.jupiter.api.Test;

class SnippetsTest {

    @Test
    void marksBecomeHitsAndTheRestStaysPlainText() {
        assertThat(Snippets.parse("invoice for <em>tungsten</em> lamps"))
                .containsExactly(
                        new Part("invoice for ", false), new Part("tungsten", true), new Part(" lamps", false));
    }

    @Test
    void markupInTheDocumentIsKeptAsTextNotInterpreted() {
        // The view renders parts as text nodes: a script tag in a document is shown, never run.
        assertThat(Snippets.parse("<script>alert(1)</script> <em>total</em> <b>due</b>"))
                .containsExactly(
                        new Part("<script>alert(1)</script> ", false),
                        new Part("total", true),
                        new Part(" <b>due</b>", false));
    }

    @Test
    void aPhraseMarkedWordByWordReadsAsOneHitAndAnUnclosedMarkRunsToTheEnd() {
        assertThat(Snippets.parse("<em>tungsten</em><em> filament</em> x"))
                .containsExactly(new Part("tungsten filament", true), new Part(" x", false));
        assertThat(Snippets.parse("cut <em>off")).containsExactly(new Part("cut ", false), new Part("off", true));
        assertThat(Snippets.parse("")).isEmpty();
    }
}
