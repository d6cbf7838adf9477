package customs.risk.engine.trade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/** Rows of fixed width in a temporary file mapped into memory, the storage of the columns kept outside the heap. */
final class MappedRows {

    private MappedRows() {}

    /**
     * Maps a new temporary file of {@code length} rows of {@code width} bytes, all zero, in mappings of
     * {@code rowsPerMapping} rows (a mapping holds at most 2 GB). The file is deleted at once: the
     * mappings stay valid without its name, and nothing is left on disk.
     */
    static MappedByteBuffer[] map(int length, int width, int rowsPerMapping) {
        try {
            var file = Files.createTempFile("column-", ".rows");
            try (var channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                int count = Math.max(1, (length + rowsPerMapping - 1) / rowsPerMapping);
                var mappings = new MappedByteBuffer[count];
                for (int m = 0; m < count; m++) {
                    long first = (long) m * rowsPerMapping;
                    long rows = Math.max(0, Math.min(length - first, rowsPerMapping));
                    mappings[m] = channel.map(FileChannel.MapMode.READ_WRITE, first * width, rows * width);
                }
                return mappings;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for " + length + " rows", e);
        }
    }
}
