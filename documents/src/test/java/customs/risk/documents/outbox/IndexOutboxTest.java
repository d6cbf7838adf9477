package customs.risk.documents.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.documents.TestSearchEngine;
import customs.risk.documents.engine.EmbeddedElasticsearch;
import customs.risk.documents.search.DocumentIndex;
import customs.risk.documents.search.DocumentQuery;
import customs.risk.documents.search.IndexedDocument;
import customs.risk.documents.search.SearchResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexOutboxTest {

    @TempDir
    Path folder;

    @Test
    void documentsFiledWhileTheEngineIsDownAreIndexedWhenItIsBack() throws IOException {
        EmbeddedElasticsearch node = TestSearchEngine.node();
        var index = new DocumentIndex(TestSearchEngine.client(), "documents-outbox-test");
        index.recreate();
        var outbox = new IndexOutbox(folder, index);

        assertThat(outbox.submit(doc("OB-1", "first invoice walrus"))).isTrue();
        assertThat(outbox.pending()).isZero();

        node.stop();
        try {
            assertThat(index.health().up()).isFalse();
            assertThat(outbox.submit(doc("OB-2", "second invoice narwhal"))).isFalse();
            assertThat(outbox.submit(doc("OB-3", "third invoice narwhal"))).isFalse();
            assertThat(outbox.pending()).isEqualTo(2);

            var whileDown = outbox.drain();
            assertThat(whileDown.indexed()).isZero();
            assertThat(whileDown.remaining()).isEqualTo(2);
            assertThat(whileDown.stoppedBecause()).contains("unreachable");
        } finally {
            node.start();
        }

        var afterRestart = new IndexOutbox(folder, index);
        assertThat(afterRestart.pending())
                .as("the queue survives a restart of the application")
                .isEqualTo(2);
        var drained = afterRestart.drain();
        index.refresh();

        assertThat(drained.indexed()).as(drained.toString()).isEqualTo(2);
        assertThat(drained.remaining()).isZero();
        assertThat(afterRestart.pending()).isZero();
        assertThat(ids(index.search(DocumentQuery.of("narwhal")))).containsExactlyInAnyOrder("OB-2", "OB-3");
        assertThat(ids(index.search(DocumentQuery.of("walrus"))))
                .as("what was indexed before the restart is still there")
                .containsExactly("OB-1");
        assertThat(index.health().up()).isTrue();
    }

    @Test
    void aNewerRequestForTheSameDocumentReplacesTheQueuedOne() throws IOException {
        var index =
                new DocumentIndex(TestSearchEngine.clientFor(java.net.URI.create("http://127.0.0.1:1")), "unreachable");
        var outbox = new IndexOutbox(folder, index);

        outbox.submit(doc("OB-9", "draft text"));
        outbox.submit(doc("OB-9", "final text"));

        assertThat(outbox.pending()).isEqualTo(1);
        try (var files = Files.list(folder)) {
            Path entry = files.filter(p -> p.toString().endsWith(".json"))
                    .findFirst()
                    .orElseThrow();
            assertThat(Files.readString(entry)).contains("final text").doesNotContain("draft text");
        }
    }

    @Test
    void anUnreadableEntryIsSetAsideAndDoesNotBlockTheOthers() throws IOException {
        var index = new DocumentIndex(TestSearchEngine.client(), "documents-outbox-test-2");
        index.recreate();
        var down = new IndexOutbox(
                folder, new DocumentIndex(TestSearchEngine.clientFor(java.net.URI.create("http://127.0.0.1:1")), "x"));
        down.submit(doc("OB-20", "kept request"));
        Files.writeString(folder.resolve("0000-broken.json"), "{ not json");

        var result = new IndexOutbox(folder, index).drain();

        assertThat(result.indexed()).isEqualTo(1);
        assertThat(result.rejected()).isEqualTo(0);
        assertThat(result.remaining()).isZero();
        assertThat(new IndexOutbox(folder, index).rejectedCount()).isEqualTo(1);
    }

    private static List<String> ids(SearchResults results) {
        return results.hits().stream().map(SearchResults.Hit::documentId).toList();
    }

    private static IndexedDocument doc(String id, String text) {
        return new IndexedDocument(
                id,
                "INVOICE",
                id + ".txt",
                text,
                List.of("C-1"),
                List.of(),
                List.of(),
                LocalDate.of(2024, 1, 15),
                "a".repeat(64),
                "text/plain",
                text.length(),
                false,
                false);
    }
}
