package customs.risk.graph.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Queries kept as files under the top-level {@code cypher/} folder, so that a person reads them in
 * one place and runs them as they are in Neo4j Browser; the build puts them on the classpath.
 */
public final class CypherFiles {

    private CypherFiles() {}

    /** The text of {@code cypher/<path>}, e.g. {@code read("projection/shipments.cypher")}. */
    public static String read(String path) {
        String resource = "/cypher/" + path;
        try (InputStream in = CypherFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
