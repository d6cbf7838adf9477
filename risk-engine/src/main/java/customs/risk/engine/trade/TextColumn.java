package customs.risk.engine.trade;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A text or none per row kept outside the Java heap, like {@link DoubleColumn}: the texts are
 * appended to a temporary file, mapped into memory when first read. Rows are set first, from one
 * thread at a time, then read, from any number of threads.
 */
public final class TextColumn {

    /** Bytes per mapping of the texts; mappings overlap by the longest text. */
    private static final long BYTES_PER_MAPPING = 1L << 30;
    /** Longest text in bytes (its length is written in two bytes). */
    private static final int LONGEST = Short.MAX_VALUE;

    private static final Cleaner CLEANER = Cleaner.create();

    /** Per row, 0 for none or 1 + where its text starts: whole numbers far below 2^53, exact as doubles. */
    private final DoubleColumn starts;

    private final Texts texts;
    private long written;
    private volatile MappedByteBuffer[] mappings;

    /** The file the texts go to until it is read: closed and deleted then, or when the column is dropped unread. */
    private record Texts(Path file, DataOutputStream out) implements Runnable {
        @Override
        public void run() {
            try {
                out.close();
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // deleteOnExit removes it at the latest when the JVM ends.
            }
        }
    }

    private TextColumn(int length) {
        starts = DoubleColumn.of(length, 0);
        try {
            var file = Files.createTempFile("column-", ".texts");
            file.toFile().deleteOnExit();
            texts = new Texts(
                    file,
                    new DataOutputStream(
                            new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.WRITE), 1 << 16)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for " + length + " texts", e);
        }
        CLEANER.register(this, texts);
    }

    /** A column of {@code length} rows, none with a text yet. */
    public static TextColumn of(int length) {
        return new TextColumn(length);
    }

    public int length() {
        return starts.length();
    }

    /** Sets the text of {@code row}; texts longer than {@value #LONGEST} bytes are cut. */
    public synchronized void set(int row, String text) {
        if (mappings != null) {
            throw new IllegalStateException("a text column is read only once it has been read");
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, LONGEST);
        try {
            texts.out().writeShort(length);
            texts.out().write(bytes, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a text to a temporary file", e);
        }
        starts.set(row, written + 1);
        written += 2 + length;
    }

    /** The text of {@code row}, null when it has none. */
    public String get(int row) {
        var mapped = mappings;
        if (mapped == null) {
            mapped = map();
        }
        long start = (long) starts.get(row) - 1;
        if (start < 0) {
            return null;
        }
        var mapping = mapped[(int) (start / BYTES_PER_MAPPING)];
        int at = (int) (start % BYTES_PER_MAPPING);
        byte[] bytes = new byte[mapping.getShort(at)];
        mapping.get(at + 2, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private synchronized MappedByteBuffer[] map() {
        if (mappings == null) {
            try {
                texts.out().close();
                try (var channel = FileChannel.open(texts.file(), StandardOpenOption.READ)) {
                    int count = (int) Math.max(1, (written + BYTES_PER_MAPPING - 1) / BYTES_PER_MAPPING);
                    var mapped = new MappedByteBuffer[count];
                    for (int m = 0; m < count; m++) {
                        long from = m * BYTES_PER_MAPPING;
                        long to = Math.min(written, from + BYTES_PER_MAPPING + 2 + LONGEST);
                        mapped[m] = channel.map(FileChannel.MapMode.READ_ONLY, from, Math.max(0, to - from));
                    }
                    mappings = mapped;
                }
                texts.run();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read back a temporary file of texts", e);
            }
        }
        return mappings;
    }
}
