package customs.risk.app.store;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code risk.*}.
 *
 * @param dataDir the folder for everything the embedded default stores
 * @param neo4j where the graph lives
 * @param ingest bundle loading
 */
@ConfigurationProperties("risk")
public record RiskProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Neo4j neo4j,
        @DefaultValue Ingest ingest) {

    /**
     * @param embedded true (default) runs Neo4j in-process; false uses {@code spring.neo4j.uri} and credentials
     * @param boltPort loopback port of the embedded instance's Bolt connector, 0 for any free port
     */
    public record Neo4j(@DefaultValue("true") boolean embedded, @DefaultValue("0") int boltPort) {}

    /**
     * @param batchSize rows per write transaction
     * @param maxUnzippedSize the largest total size a zipped bundle may expand to
     */
    public record Ingest(@DefaultValue("2000") int batchSize, @DefaultValue("4GB") DataSize maxUnzippedSize) {}
}
