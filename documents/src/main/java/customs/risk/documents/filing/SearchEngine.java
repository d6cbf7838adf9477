package customs.risk.documents.filing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import customs.risk.documents.engine.EmbeddedElasticsearch;
import customs.risk.documents.search.DocumentIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where filed documents are indexed: by default a genuine Elasticsearch node in this JVM, data in
 * the data dir, started in the background on first need (or when the web application is up), so
 * commands that never touch documents do not pay for it; or an external cluster. Both are reached
 * through the same elasticsearch-java client over HTTP.
 */
public final class SearchEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SearchEngine.class);
    /** How long a caller waits for the in-process node to come up. */
    static final Duration START_WAIT = Duration.ofSeconds(90);

    private final EmbeddedElasticsearch embedded;
    private final Rest5Client rest;
    private final DocumentIndex index;
    private final ElasticsearchClient client;
    private final URI address;
    private CompletableFuture<Void> started;

    private SearchEngine(EmbeddedElasticsearch embedded, URI address, Rest5Client rest) {
        this.embedded = embedded;
        this.address = address;
        this.rest = rest;
        this.client = new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
        this.index = new DocumentIndex(client);
    }

    /** An in-process node in {@code home} on loopback {@code port} (0: a free port chosen now). */
    public static SearchEngine embedded(Path home, int port) {
        int chosen = port == 0 ? freePort() : port;
        URI address = URI.create("http://127.0.0.1:" + chosen);
        return new SearchEngine(
                new EmbeddedElasticsearch(home, chosen),
                address,
                Rest5Client.builder(address).build());
    }

    /** An external cluster at {@code uris}, with basic authentication when a user is given. */
    public static SearchEngine external(List<String> uris, String username, String password) {
        var addresses = uris.stream().filter(u -> !u.isBlank()).map(URI::create).toList();
        var builder = Rest5Client.builder(addresses.toArray(URI[]::new));
        if (!username.isBlank()) {
            String token =
                    Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "Basic " + token)});
        }
        var engine = new SearchEngine(null, addresses.getFirst(), builder.build());
        engine.started = CompletableFuture.completedFuture(null);
        return engine;
    }

    /** Starts the in-process node in the background unless it is started or starting; a no-op for a cluster. */
    public synchronized CompletableFuture<Void> startInBackground() {
        if (started == null || started.isCompletedExceptionally()) {
            started = CompletableFuture.runAsync(
                    () -> {
                        embedded.start();
                        createIndex();
                    },
                    runnable -> {
                        var thread = new Thread(runnable, "elasticsearch-start");
                        thread.setDaemon(true);
                        thread.start();
                    });
            started.exceptionally(e -> {
                log.error("the in-process Elasticsearch node did not start: {}", e.getMessage());
                return null;
            });
        }
        return started;
    }

    /**
     * The index, the in-process node started first (waiting for it); when the engine cannot be
     * reached, calls on the index fail, which intake turns into queued requests.
     */
    public DocumentIndex index() {
        var start = startInBackground();
        try {
            start.get(START_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("search engine at {} is not up: {}", address, e.getMessage());
        }
        return index;
    }

    /** The client, the in-process node started first (for benchmarks on indices of their own). */
    public ElasticsearchClient client() {
        index();
        return client;
    }

    /** The index as it is, without starting anything: its calls fail while the engine is not up. */
    public DocumentIndex documentIndex() {
        return index;
    }

    /** Creates the index on a cluster that lacks it; an unreachable cluster is reported by health. */
    void createIndex() {
        try {
            index.createIfMissing();
        } catch (IOException | RuntimeException e) {
            log.warn("cannot create the documents index at {}: {}", address, e.getMessage());
        }
    }

    /** Up, down or still starting, for health checks; never throws. */
    public DocumentIndex.Health health() {
        CompletableFuture<Void> start;
        synchronized (this) {
            start = started;
        }
        if (embedded != null && (start == null || !start.isDone())) {
            return new DocumentIndex.Health(false, start == null ? "not started (starts on first use)" : "starting");
        }
        return index.health();
    }

    public URI address() {
        return address;
    }

    /** The in-process node, null for an external cluster (tests stop and restart it). */
    public EmbeddedElasticsearch embeddedNode() {
        return embedded;
    }

    @Override
    public void close() {
        CompletableFuture<Void> start;
        synchronized (this) {
            start = started;
        }
        if (embedded != null && start != null) {
            try {
                start.get(START_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // Nothing more to wait for.
            }
            embedded.close();
        }
        try {
            rest.close();
        } catch (IOException e) {
            log.debug("closing the search client: {}", e.getMessage());
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for Elasticsearch", e);
        }
    }
}
