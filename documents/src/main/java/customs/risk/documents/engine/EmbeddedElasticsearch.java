package customs.risk.documents.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.node.ClasspathNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.node.NodeValidationException;
import org.elasticsearch.transport.netty4.Netty4Plugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A genuine Elasticsearch 9.2.2 node inside this JVM, so the application needs no separate server:
 * data under a given folder, HTTP on 127.0.0.1 only. Clients talk to it over HTTP exactly as to an
 * external cluster (see {@link #httpAddress()}), so switching to a real cluster is configuration.
 *
 * <p>Sets what an in-process node needs (each was hit, see docs/STACK.md): Netty must not set its
 * processor count (only possible once per JVM), the zstd library is found through a folder with a
 * {@code libzstd.so} link to the system's {@code libzstd.so.1}, the native vector library is off,
 * discovery is single-node, and no {@code xpack.*} setting is given (x-pack is absent). The disk
 * threshold is off so a nearly full disk does not silently turn indices read-only, and indexing
 * into a missing index fails instead of creating one without our analyzers.
 *
 * <p>A restart ({@link #start()} after {@link #stop()}) binds the port it had before, so clients
 * configured with {@link #httpAddress()} keep working. Not thread-safe for start/stop.
 */
public final class EmbeddedElasticsearch implements AutoCloseable {

    public static final String CLUSTER_NAME_DEFAULT = "customs-risk-documents";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedElasticsearch.class);
    private static final List<Path> ZSTD_CANDIDATES = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/libzstd.so.1"),
            Path.of("/usr/lib/aarch64-linux-gnu/libzstd.so.1"),
            Path.of("/lib/x86_64-linux-gnu/libzstd.so.1"),
            Path.of("/usr/lib64/libzstd.so.1"),
            Path.of("/usr/lib/libzstd.so.1"));
    private static final TimeValue START_TIMEOUT = TimeValue.timeValueSeconds(60);
    private static boolean loggingConfigured;

    private final Path home;
    private int port;
    private Node node;
    private URI httpAddress;

    /**
     * @param home folder for the node's data, logs and config; created if missing
     * @param httpPort HTTP port on 127.0.0.1, 0 for any free port
     */
    public EmbeddedElasticsearch(Path home, int httpPort) {
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("not a port: " + httpPort);
        }
        this.home = home.toAbsolutePath().normalize();
        this.port = httpPort;
    }

    /**
     * Starts the node and returns once it serves requests (status yellow: indices on disk
     * recovered); a no-op if it is running.
     */
    public synchronized EmbeddedElasticsearch start() {
        if (node != null) {
            return this;
        }
        long began = System.nanoTime();
        try {
            Files.createDirectories(home.resolve("config"));
            prepareJvm(home);
            var settings = Settings.builder()
                    .put("path.home", home.toString())
                    .put("path.data", home.resolve("data").toString())
                    .put("path.logs", home.resolve("logs").toString())
                    .put("cluster.name", CLUSTER_NAME_DEFAULT)
                    .put("node.name", "embedded")
                    .put("discovery.type", "single-node")
                    .put("network.host", "127.0.0.1")
                    .put("http.port", Integer.toString(port))
                    .put("transport.port", "0")
                    .put("http.type", "netty4")
                    .put("transport.type", "netty4")
                    .put("cluster.routing.allocation.disk.threshold_enabled", false)
                    .put("action.auto_create_index", false)
                    .build();
            var environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "embedded");
            Node created = new ClasspathNode(environment, List.of(new Netty4Plugin(), new DocumentAnalysisPlugin()));
            try {
                created.start();
                awaitYellow(created);
            } catch (NodeValidationException | RuntimeException e) {
                closeQuietly(created);
                throw e;
            }
            InetSocketAddress bound = created.injector()
                    .getInstance(HttpServerTransport.class)
                    .boundAddress()
                    .publishAddress()
                    .address();
            node = created;
            port = bound.getPort();
            httpAddress = URI.create("http://" + bound.getHostString() + ":" + bound.getPort());
            log.info(
                    "Elasticsearch started in-process at {} (data in {}) in {} ms",
                    httpAddress,
                    home,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Elasticsearch in " + home + ": " + e.getMessage(), e);
        } catch (NodeValidationException e) {
            throw new IllegalStateException("Elasticsearch refused to start in " + home + ": " + e.getMessage(), e);
        }
    }

    /** Stops the node and waits for it to close; its data stays on disk. A no-op if it is stopped. */
    public synchronized void stop() {
        if (node == null) {
            return;
        }
        Node stopping = node;
        node = null;
        closeQuietly(stopping);
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return node != null;
    }

    /** Where clients reach the node, e.g. {@code http://127.0.0.1:41234}; empty while stopped. */
    public synchronized Optional<URI> httpAddress() {
        return node == null ? Optional.empty() : Optional.of(httpAddress);
    }

    public Path home() {
        return home;
    }

    /**
     * Waits until the indices on disk are recovered and their primary shards active: right after
     * {@code Node.start()} a restarted node still answers "not found" or 503 for existing indices.
     */
    private static void awaitYellow(Node node) {
        var health = node.client()
                .admin()
                .cluster()
                .prepareHealth(START_TIMEOUT)
                .setWaitForYellowStatus()
                .setTimeout(START_TIMEOUT)
                .get();
        if (health.isTimedOut()) {
            throw new IllegalStateException("Elasticsearch did not reach status yellow within " + START_TIMEOUT
                    + " (status " + health.getStatus() + ")");
        }
    }

    private static void closeQuietly(Node node) {
        try {
            node.close();
            if (!node.awaitClose(30, TimeUnit.SECONDS)) {
                log.warn("Elasticsearch did not close within 30 s");
            }
        } catch (IOException e) {
            log.warn("closing Elasticsearch: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** JVM-wide settings: each is read once per JVM, so the first node's values hold for all. */
    private static synchronized void prepareJvm(Path home) throws IOException {
        System.setProperty("es.set.netty.runtime.available.processors", "false");
        System.setProperty("org.elasticsearch.nativeaccess.enableVectorLibrary", "false");
        if (System.getProperty("es.nativelibs.path") == null) {
            System.setProperty(
                    "es.nativelibs.path",
                    nativeLibraryFolder(home.resolve("native")).toString());
        }
        if (!loggingConfigured) {
            LogConfigurator.configureESLogging();
            loggingConfigured = true;
        }
    }

    /**
     * Elasticsearch loads zstd (stored-field compression) as {@code libzstd.so} from
     * {@code es.nativelibs.path}; Debian ships it as {@code libzstd.so.1} (package libzstd1).
     */
    private static Path nativeLibraryFolder(Path folder) throws IOException {
        Path zstd = ZSTD_CANDIDATES.stream()
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "libzstd.so.1 not found in " + ZSTD_CANDIDATES + ": install the libzstd1 package"));
        Files.createDirectories(folder);
        Path link = folder.resolve("libzstd.so");
        if (Files.isSymbolicLink(link) || Files.exists(link)) {
            Files.delete(link);
        }
        Files.createSymbolicLink(link, zstd);
        return folder;
    }
}
