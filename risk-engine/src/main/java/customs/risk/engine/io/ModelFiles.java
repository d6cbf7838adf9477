package customs.risk.engine.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of a trained model as JSON files of records: readable, and exact (every double is
 * written with the digits that read back to the same value).
 */
public final class ModelFiles {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ModelFiles() {}

    public static void write(Path file, Object content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            JSON.writeValue(file.toFile(), content);
        } catch (JacksonException e) {
            throw new IOException("cannot write " + file + ": " + e.getOriginalMessage(), e);
        }
    }

    public static <T> T read(Path file, Class<T> type) throws IOException {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (JacksonException e) {
            throw new IOException("cannot read " + file + ": " + e.getOriginalMessage(), e);
        }
    }
}
