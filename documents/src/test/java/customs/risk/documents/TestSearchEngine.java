package customs.risk.documents;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import customs.risk.documents.engine.EmbeddedElasticsearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One embedded Elasticsearch node for all tests of this module (starting one takes seconds), on a
 * free port in a temporary folder, with a client built the way Spring Boot builds it (Rest5 client,
 * Jackson 3 mapper). Tests that stop and restart it leave it running at the same address.
 */
public final class TestSearchEngine {

    private static EmbeddedElasticsearch node;
    private static ElasticsearchClient client;

    private TestSearchEngine() {}

    public static synchronized EmbeddedElasticsearch node() {
        if (node == null) {
            try {
                Path home = Files.createTempDirectory("documents-es-");
                node = new EmbeddedElasticsearch(home, 0).start();
                client = clientFor(node.httpAddress().orElseThrow());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        client.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                    node.stop();
                    deleteTree(home);
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return node;
    }

    public static synchronized ElasticsearchClient client() {
        node();
        return client;
    }

    public static ElasticsearchClient clientFor(URI address) {
        Rest5Client rest = Rest5Client.builder(address).build();
        return new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
