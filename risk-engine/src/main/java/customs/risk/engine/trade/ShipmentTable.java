package customs.risk.engine.trade;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shipments kept outside the Java heap: each row in a temporary file mapped into memory, so that
 * the heap holds only what repeats across rows (parties, codes, countries, days, sets of other
 * columns, each once) while the rows themselves are paged in and out by the operating system.
 * {@link #get} builds the row's {@link Shipment} when it is asked for; rows do not change once
 * written. The files are deleted as soon as they are mapped: nothing is left behind on disk.
 */
public final class ShipmentTable extends AbstractList<Shipment> implements RandomAccess {

    /** Bytes of one row: the offset of its variable part, 9 codes, 4 numbers and the caller's tag. */
    private static final int ROW_BYTES = 88;
    /** Rows per mapping of the row file (a mapping holds at most 2 GB). */
    private static final int ROWS_PER_MAPPING = 1 << 23;
    /** Bytes per mapping of the file of ids; mappings overlap by the largest variable part. */
    private static final long VARIABLE_BYTES_PER_MAPPING = 1L << 30;
    /** Largest variable part of a row (its id and, rarely, its own set of other columns). */
    private static final int LARGEST_VARIABLE_PART = 1 << 17;
    /** Sets of other columns shared between rows; past this many, a row writes its own with its id. */
    private static final int MAX_SHARED_COLUMN_SETS = 100_000;

    private static final int NONE = -1;
    private static final int OWN_COLUMNS = -2;

    private final Values values;
    private final List<Part> parts;
    private final int size;
    /**
     * The row each thread read last: the detectors and the learners read one row's columns one
     * after another, and each read would otherwise build the row again.
     */
    private final ThreadLocal<LastRead> lastRead = ThreadLocal.withInitial(LastRead::new);

    private ShipmentTable(Values values, List<Part> parts) {
        this.values = values;
        this.parts = parts;
        int first = 0;
        for (Part part : parts) {
            part.first = first;
            first += part.size;
        }
        this.size = first;
    }

    /** Values shared by the tables built from them; safe across threads. */
    public static final class Values {
        private final Dictionary<String> texts = new Dictionary<>();
        private final Dictionary<LocalDate> days = new Dictionary<>();
        private final Dictionary<Map<String, String>> columnSets = new Dictionary<>();
    }

    /** Values to share between the parts of one table. */
    public static Values values() {
        return new Values();
    }

    /** A builder of one part of a table, for one thread. */
    public static Builder builder(Values values) {
        return new Builder(values);
    }

    /** The rows of the parts, in order; the builders are finished and cannot be added to after. */
    public static ShipmentTable of(Values values, List<Builder> builders) {
        var parts = new ArrayList<Part>();
        try {
            for (Builder builder : builders) {
                parts.add(builder.finish());
            }
        } finally {
            builders.forEach(Builder::discard);
        }
        return new ShipmentTable(values, List.copyOf(parts));
    }

    /** Deletes the files of builders that will not be read (a load that failed). */
    public static void discard(List<Builder> builders) {
        builders.forEach(Builder::discard);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Shipment get(int row) {
        LastRead last = lastRead.get();
        if (last.shipment == null || last.row != row) {
            Part part = partOf(row);
            last.shipment = part.shipment(row - part.first, values);
            last.row = row;
        }
        return last.shipment;
    }

    private static final class LastRead {
        private int row;
        private Shipment shipment;
    }

    /** The number the caller kept with the row when it was added. */
    public long tag(int row) {
        Part part = partOf(row);
        return part.tag(row - part.first);
    }

    private Part partOf(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row " + row + " of " + size);
        }
        for (int p = parts.size() - 1; ; p--) {
            if (parts.get(p).first <= row) {
                return parts.get(p);
            }
        }
    }

    /** Adds rows to temporary files; call {@link #of} to read them. */
    public static final class Builder {
        private final Values values;
        private final Path rowFile;
        private final Path variableFile;
        private final DataOutputStream rows;
        private final DataOutputStream variable;
        /** The row being written, in the byte order the mapped files are read in. */
        private final ByteBuffer row = ByteBuffer.allocate(ROW_BYTES);

        private long variableBytes;
        private int size;
        private boolean closed;

        private Builder(Values values) {
            this.values = values;
            try {
                rowFile = Files.createTempFile("shipments-", ".rows");
                variableFile = Files.createTempFile("shipments-", ".ids");
                rows = stream(rowFile);
                variable = stream(variableFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary file for the declarations", e);
            }
        }

        private static DataOutputStream stream(Path file) throws IOException {
            file.toFile().deleteOnExit();
            OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE);
            return new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        }

        /** Adds {@code s} with a number the caller reads back with {@link ShipmentTable#tag}. */
        public void add(Shipment s, long tag) {
            try {
                long offset = variableBytes;
                int columns = columnsCode(s.attributes());
                writeText(s.declarationId());
                if (columns == OWN_COLUMNS) {
                    variable.writeShort(s.attributes().size());
                    variableBytes += 2;
                    for (var e : s.attributes().entrySet()) {
                        writeText(e.getKey());
                        writeText(e.getValue());
                    }
                }
                if (variableBytes - offset > LARGEST_VARIABLE_PART) {
                    throw new IllegalArgumentException("declaration " + s.declarationId() + " carries too much text");
                }
                row.clear()
                        .putLong(offset)
                        .putInt(values.days.code(s.filedOn()))
                        .putInt(text(s.sellerId()))
                        .putInt(text(s.buyerId()))
                        .putInt(text(s.hsCode()))
                        .putInt(text(s.originCountry()))
                        .putInt(text(s.quantityUnit()))
                        .putInt(text(s.declarantId()))
                        .putInt(text(s.officeCode()))
                        .putInt(columns)
                        .putInt(0)
                        .putDouble(s.quantity())
                        .putDouble(s.valueUsd())
                        .putDouble(s.netMassKg())
                        .putDouble(s.dutyRate())
                        .putLong(tag);
                // One write per row: the stream takes a lock on each.
                rows.write(row.array());
                size++;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the declarations to a temporary file", e);
            }
        }

        private int text(String text) {
            return text == null ? NONE : values.texts.code(text);
        }

        private int columnsCode(Map<String, String> columns) {
            if (columns.isEmpty()) {
                return NONE;
            }
            int code = values.columnSets.codeIfKnown(columns);
            if (code != NONE) {
                return code;
            }
            return values.columnSets.size() < MAX_SHARED_COLUMN_SETS
                    ? values.columnSets.code(Map.copyOf(columns))
                    : OWN_COLUMNS;
        }

        private void writeText(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > Short.MAX_VALUE) {
                throw new IllegalArgumentException("a value of " + bytes.length + " bytes is too long to score");
            }
            variable.writeShort(bytes.length);
            variable.write(bytes);
            variableBytes += 2 + bytes.length;
        }

        private Part finish() {
            try {
                rows.close();
                variable.close();
                closed = true;
                return new Part(
                        size,
                        map(rowFile, (long) ROWS_PER_MAPPING * ROW_BYTES, 0),
                        map(variableFile, VARIABLE_BYTES_PER_MAPPING, LARGEST_VARIABLE_PART));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read back the declarations' temporary file", e);
            }
        }

        private void discard() {
            try {
                if (!closed) {
                    rows.close();
                    variable.close();
                    closed = true;
                }
            } catch (IOException ignored) {
                // The files are deleted below all the same.
            }
            try {
                Files.deleteIfExists(rowFile);
                Files.deleteIfExists(variableFile);
            } catch (IOException ignored) {
                // deleteOnExit removes them at the latest when the JVM ends.
            }
        }

        /** The file in mappings of {@code step} bytes, each reaching {@code overlap} bytes into the next. */
        private static MappedByteBuffer[] map(Path file, long step, int overlap) throws IOException {
            try (var channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long length = channel.size();
                int count = (int) Math.max(1, (length + step - 1) / step);
                var mappings = new MappedByteBuffer[count];
                for (int m = 0; m < count; m++) {
                    long from = m * step;
                    long to = Math.min(length, from + step + overlap);
                    mappings[m] = channel.map(FileChannel.MapMode.READ_ONLY, from, Math.max(0, to - from));
                }
                return mappings;
            }
        }
    }

    /** The rows one builder wrote. */
    private static final class Part {
        private final int size;
        private final MappedByteBuffer[] rows;
        private final MappedByteBuffer[] variable;
        private int first;

        Part(int size, MappedByteBuffer[] rows, MappedByteBuffer[] variable) {
            this.size = size;
            this.rows = rows;
            this.variable = variable;
        }

        long tag(int row) {
            return rows[row / ROWS_PER_MAPPING].getLong((row % ROWS_PER_MAPPING) * ROW_BYTES + 80);
        }

        Shipment shipment(int row, Values values) {
            var r = rows[row / ROWS_PER_MAPPING];
            int at = (row % ROWS_PER_MAPPING) * ROW_BYTES;
            long offset = r.getLong(at);
            var v = variable[(int) (offset / VARIABLE_BYTES_PER_MAPPING)];
            int[] position = {(int) (offset % VARIABLE_BYTES_PER_MAPPING)};
            String id = readText(v, position);
            int columns = r.getInt(at + 40);
            Map<String, String> attributes;
            if (columns == NONE) {
                attributes = Map.of();
            } else if (columns == OWN_COLUMNS) {
                int count = v.getShort(position[0]);
                position[0] += 2;
                var own = new TreeMap<String, String>();
                for (int k = 0; k < count; k++) {
                    own.put(readText(v, position), readText(v, position));
                }
                attributes = Map.copyOf(own);
            } else {
                attributes = values.columnSets.value(columns);
            }
            return new Shipment(
                    id,
                    values.days.value(r.getInt(at + 8)),
                    text(values, r.getInt(at + 12)),
                    text(values, r.getInt(at + 16)),
                    text(values, r.getInt(at + 20)),
                    text(values, r.getInt(at + 24)),
                    r.getDouble(at + 48),
                    text(values, r.getInt(at + 28)),
                    r.getDouble(at + 56),
                    text(values, r.getInt(at + 32)),
                    text(values, r.getInt(at + 36)),
                    r.getDouble(at + 64),
                    r.getDouble(at + 72),
                    attributes);
        }

        private static String text(Values values, int code) {
            return code == NONE ? null : values.texts.value(code);
        }

        private static String readText(MappedByteBuffer buffer, int[] position) {
            int length = buffer.getShort(position[0]);
            byte[] bytes = new byte[length];
            // Byte by byte: the bulk copy was a hot spot of rescoring's profile; for an id's few bytes
            // the loop is as fast once compiled, and faster before.
            for (int k = 0, from = position[0] + 2; k < length; k++) {
                bytes[k] = buffer.get(from + k);
            }
            position[0] += 2 + length;
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Values numbered in the order first seen; safe across threads. */
    private static final class Dictionary<T> {
        private final Map<T, Integer> codes = new ConcurrentHashMap<>();
        private volatile Object[] values = new Object[1024];
        private int size;

        int code(T value) {
            Integer code = codes.get(value);
            return code != null ? code : add(value);
        }

        int codeIfKnown(T value) {
            Integer code = codes.get(value);
            return code == null ? NONE : code;
        }

        private synchronized int add(T value) {
            Integer code = codes.get(value);
            if (code != null) {
                return code;
            }
            Object[] grown = values;
            if (size == grown.length) {
                grown = java.util.Arrays.copyOf(grown, size * 2);
            }
            grown[size] = value;
            values = grown;
            codes.put(value, size);
            return size++;
        }

        synchronized int size() {
            return size;
        }

        @SuppressWarnings("unchecked")
        T value(int code) {
            return (T) values[code];
        }
    }
}
