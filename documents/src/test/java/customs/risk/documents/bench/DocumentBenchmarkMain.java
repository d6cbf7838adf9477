package customs.risk.documents.bench;

import customs.risk.documents.TestSearchEngine;
import customs.risk.documents.engine.EmbeddedElasticsearch;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the benchmark outside the build against a fresh embedded node, until the application's
 * {@code ./risk bench documents} exists: {@code java -Xmx2g ... DocumentBenchmarkMain 100000}.
 */
final class DocumentBenchmarkMain {

    private DocumentBenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : DocumentBenchmark.COUNT_DEFAULT;
        Path home = Files.createTempDirectory("bench-es-");
        try (var node = new EmbeddedElasticsearch(home.resolve("elasticsearch"), 0).start();
             var client = TestSearchEngine.clientFor(node.httpAddress().orElseThrow())) {
            DocumentBenchmark.run(DocumentBenchmark.Settings.of(count), home, client, System.out);
        } finally {
            TestSearchEngine.deleteTree(home);
        }
    }
}
