package customs.risk.graph;

import customs.risk.graph.files.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Temporary folders for the tests' engines and data dirs, removed when the test JVM ends: a run leaves
 * nothing behind (each data dir holds a Neo4j store of about 150 MB).
 */
public final class TestFolders {

    private TestFolders() {}

    public static Path temporary(String prefix) {
        try {
            Path folder = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Folders.deleteRecursively(folder);
                } catch (RuntimeException ignored) {
                    // an engine still closing may hold a file: the rest is gone
                }
            }));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
