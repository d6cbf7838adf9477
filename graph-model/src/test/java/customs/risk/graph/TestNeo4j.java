package customs.risk.graph;

import customs.risk.graph.store.EmbeddedNeo4j;
import customs.risk.graph.store.GraphSchema;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * One real embedded Neo4j per test JVM, reached over Bolt like in production, with the schema
 * applied. Starting Neo4j costs seconds, so test classes share it and clear it instead.
 */
public final class TestNeo4j {

    private static EmbeddedNeo4j neo4j;
    private static Driver driver;

    private TestNeo4j() {}

    public static synchronized Driver driver() {
        if (driver == null) {
            var home = TestFolders.temporary("test-neo4j");
            neo4j = EmbeddedNeo4j.start(home, 0);
            driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none());
            GraphSchema.apply(driver);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                driver.close();
                neo4j.close();
            }));
        }
        return driver;
    }

    /** The same store's Java API, in this process. */
    public static GraphDatabaseService database() {
        driver();
        return neo4j.database();
    }

    /** Empties the graph (the schema stays). */
    public static void clear() {
        try (var session = driver().session()) {
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
                    .consume();
        }
    }

    public static long count(String cypher) {
        try (var session = driver().session()) {
            return session.run(cypher).single().get(0).asLong();
        }
    }
}
