package customs.risk.app.store;

import customs.risk.graph.DataDirectory;
import customs.risk.graph.files.FileStore;
import customs.risk.graph.store.EmbeddedNeo4j;
import customs.risk.graph.store.GraphSchema;
import customs.risk.graph.store.StoreUnavailableException;
import customs.risk.ingest.BundleIngester;
import java.net.URI;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.neo4j.autoconfigure.Neo4jConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The common data environment: embedded Neo4j by default (reached over loopback Bolt, like an
 * external server), the file store, and the ingester that writes into both.
 */
@Configuration(proxyBeanMethods = false)
class GraphStoreConfiguration {

    @Bean
    DataDirectory dataDirectory(RiskProperties properties) {
        return new DataDirectory(properties.dataDir());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "risk.neo4j.embedded", havingValue = "true", matchIfMissing = true)
    EmbeddedNeo4j embeddedNeo4j(DataDirectory dataDirectory, RiskProperties properties) {
        return EmbeddedNeo4j.start(dataDirectory.neo4jHome(), properties.neo4j().boltPort());
    }

    /** Points Spring's driver at the embedded instance; without this bean, {@code spring.neo4j.*} applies. */
    @Bean
    @ConditionalOnProperty(name = "risk.neo4j.embedded", havingValue = "true", matchIfMissing = true)
    Neo4jConnectionDetails embeddedConnectionDetails(EmbeddedNeo4j neo4j) {
        return new Neo4jConnectionDetails() {
            @Override
            public URI getUri() {
                return neo4j.boltUri();
            }

            @Override
            public AuthToken getAuthToken() {
                return AuthTokens.none();
            }
        };
    }

    /** Applies the schema at start-up, which is also where an unreachable store shows first. */
    @Bean
    InitializingBean graphSchemaInstaller(Driver driver, Neo4jConnectionDetails connection) {
        return () -> {
            try {
                GraphSchema.apply(driver);
            } catch (ServiceUnavailableException | AuthenticationException e) {
                throw new StoreUnavailableException(
                        "cannot use the graph store at " + connection.getUri() + ": " + e.getMessage(), e);
            }
        };
    }

    @Bean
    FileStore fileStore(DataDirectory dataDirectory) {
        return new FileStore(dataDirectory.files());
    }

    @Bean
    BundleIngester bundleIngester(
            Driver driver, ObjectProvider<EmbeddedNeo4j> embedded, FileStore fileStore, RiskProperties properties) {
        var inProcess = embedded.getIfAvailable();
        return new BundleIngester(
                driver,
                inProcess == null ? null : inProcess.database(),
                fileStore,
                properties.ingest().batchSize());
    }
}
