package customs.risk.graph.store;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * An in-process Neo4j that listens for Bolt on loopback only, so the rest of the application
 * talks to it through the driver exactly as it would to an external server. Authentication is
 * off because nothing outside this machine can reach the port.
 */
public final class EmbeddedNeo4j implements AutoCloseable {

    private final DatabaseManagementService service;
    private final URI boltUri;

    private EmbeddedNeo4j(DatabaseManagementService service, URI boltUri) {
        this.service = service;
        this.boltUri = boltUri;
    }

    /**
     * Starts Neo4j with its store under {@code home}.
     *
     * @param home the Neo4j home folder (created if missing)
     * @param boltPort the loopback port for Bolt, or 0 for any free port
     * @throws StoreUnavailableException if the store is locked by another process or cannot start
     */
    public static EmbeddedNeo4j start(Path home, int boltPort) {
        DatabaseManagementService service;
        try {
            service = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    // Keep only what recovery needs: logs otherwise grow past the data itself.
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                    .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, 64L * 1024 * 1024)
                    // Shutdown otherwise waits ~12 s for idle Bolt threads.
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ZERO)
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ZERO)
                    .build();
        } catch (RuntimeException e) {
            throw new StoreUnavailableException(describe(home, e), e);
        }
        try {
            var db = (GraphDatabaseAPI) service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            var address = db.getDependencyResolver()
                    .resolveDependency(ConnectorPortRegister.class)
                    .getLocalAddress(ConnectorType.BOLT);
            return new EmbeddedNeo4j(service, URI.create("bolt://127.0.0.1:" + address.getPort()));
        } catch (RuntimeException e) {
            service.shutdown();
            throw new StoreUnavailableException(describe(home, e), e);
        }
    }

    private static String describe(Path home, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            var message = String.valueOf(t.getMessage());
            if (message.contains("lock") || t.getClass().getSimpleName().contains("Lock")) {
                return "the graph store in " + home
                        + " is in use by another process (is `./risk serve` running on this data dir?)";
            }
        }
        return "the graph store in " + home + " could not start: " + e.getMessage();
    }

    /** Whether {@code home} already holds a store (a new one can be filled by the offline importer). */
    public static boolean storeExists(Path home) {
        return java.nio.file.Files.exists(
                home.resolve("data").resolve("databases").resolve(GraphDatabaseSettings.DEFAULT_DATABASE_NAME));
    }

    /** The loopback Bolt address of this instance, e.g. {@code bolt://127.0.0.1:40123}. */
    public URI boltUri() {
        return boltUri;
    }

    /**
     * The store's own Java API, in this process: for bulk writes where carrying rows over Bolt and
     * interpreting Cypher cost more than the writing itself. Everything else goes through the driver.
     */
    public GraphDatabaseService database() {
        return service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    }

    @Override
    public void close() {
        service.shutdown();
    }
}
