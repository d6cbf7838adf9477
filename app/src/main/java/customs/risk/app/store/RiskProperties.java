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
 * @param scoring lanes and exploration
 * @param elasticsearch where filed documents are indexed
 * @param documents document intake
 */
@ConfigurationProperties("risk")
public record RiskProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Neo4j neo4j,
        @DefaultValue Ingest ingest,
        @DefaultValue Scoring scoring,
        @DefaultValue Elasticsearch elasticsearch,
        @DefaultValue Documents documents) {

    /**
     * @param embedded true (default) runs Neo4j in-process; false uses {@code spring.neo4j.uri} and credentials
     * @param boltPort loopback port of the embedded instance's Bolt connector, 0 for any free port
     */
    public record Neo4j(
            @DefaultValue("true") boolean embedded,
            @DefaultValue("0") int boltPort) {}

    /**
     * @param batchSize rows per write transaction
     * @param maxUnzippedSize the largest total size a zipped bundle may expand to
     */
    public record Ingest(
            @DefaultValue("2000") int batchSize,
            @DefaultValue("4GB") DataSize maxUnzippedSize) {}

    /**
     * @param redThreshold score from which an item goes to the red lane
     * @param yellowThreshold score from which an item goes to the yellow lane
     * @param explorationShare share of declarations sent to the red lane at random (0 turns it off)
     * @param redShare when positive, declarations go to the red lane by inspection capacity: the
     *     riskiest this share of them, instead of those above {@code redThreshold}
     * @param yellowShare with {@code redShare}, the share after the red ones that goes to the yellow lane
     * @param entityRedShare companies go to the red lane by what a team can look into: the riskiest
     *     this share of them (0: by {@code redThreshold} instead)
     * @param entityYellowShare with {@code entityRedShare}, the share of companies after the red ones
     *     that goes to the yellow lane
     * @param declarationAutoencoder whether training fits the autoencoder over the whole declaration,
     *     whose error the learned score reads (off: to measure what it adds)
     */
    public record Scoring(
            @DefaultValue("0.7") double redThreshold,
            @DefaultValue("0.4") double yellowThreshold,
            @DefaultValue("0.01") double explorationShare,
            @DefaultValue("0") double redShare,
            @DefaultValue("0") double yellowShare,
            @DefaultValue("0.01") double entityRedShare,
            @DefaultValue("0.04") double entityYellowShare,
            @DefaultValue("true") boolean declarationAutoencoder) {}

    /**
     * @param uris an external cluster, e.g. {@code http://es.example:9200}; empty (default) runs a
     *     node in-process with its data in the data dir
     * @param username user on the external cluster, empty for none
     * @param password its password
     * @param httpPort loopback HTTP port of the in-process node, 0 for any free port
     */
    public record Elasticsearch(
            @DefaultValue("") java.util.List<String> uris,
            @DefaultValue("") String username,
            @DefaultValue("") String password,
            @DefaultValue("0") int httpPort) {

        public boolean embedded() {
            return uris.stream().allMatch(String::isBlank);
        }
    }

    /** @param maxSize the largest document accepted */
    public record Documents(@DefaultValue("50MB") DataSize maxSize) {}
}
