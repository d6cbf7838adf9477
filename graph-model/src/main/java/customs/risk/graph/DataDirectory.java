package customs.risk.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder that holds everything the embedded default stores: the Neo4j store, the file store,
 * ingest reports and model files. One folder per installation, so a backup is a copy of it.
 *
 * @param root the folder; created on first use
 */
public record DataDirectory(Path root) {

    public DataDirectory {
        root = root.toAbsolutePath().normalize();
    }

    public Path neo4jHome() {
        return ensure(root.resolve("neo4j"));
    }

    public Path files() {
        return ensure(root.resolve("files"));
    }

    public Path reports() {
        return ensure(root.resolve("reports"));
    }

    public Path uploads() {
        return ensure(root.resolve("uploads"));
    }

    public Path models() {
        return ensure(root.resolve("models"));
    }

    /** The in-process Elasticsearch node's home (data, logs). */
    public Path elasticsearch() {
        return ensure(root.resolve("elasticsearch"));
    }

    /** Indexing requests waiting for the search engine. */
    public Path outbox() {
        return ensure(root.resolve("outbox"));
    }

    private static Path ensure(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
