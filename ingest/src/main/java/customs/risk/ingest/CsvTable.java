package customs.risk.ingest;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one bundle file: checks that it is UTF-8 and that its header has the required columns
 * before a single row loads, then validates row by row against the contract.
 */
final class CsvTable implements AutoCloseable {

    /** Receives each row: valid ones typed, invalid ones with the reason. */
    interface RowHandler {
        void accept(long line, Map<String, Object> values, Map<String, String> extras);

        void reject(long line, String column, String value, String reason);
    }

    /** Longest row read; a longer one ends the file's load with a reason instead of filling the heap. */
    static final long MAX_ROW_CHARS = 1_000_000;
    /** Longest value kept; a row with a longer one is rejected. */
    static final int MAX_FIELD_CHARS = 65_536;

    private static final Pattern COLUMN_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(false).get();

    private final BundleFile spec;
    private final CountingInputStream counter;
    private final CSVParser parser;
    private final List<String> header;
    // Where each contract column sits in the header (-1: absent), looked up once, not per row.
    private final int[] positions;
    private final List<String> unknownColumns = new ArrayList<>();

    private CsvTable(BundleFile spec, CountingInputStream counter, CSVParser parser, List<String> header) {
        this.spec = spec;
        this.counter = counter;
        this.parser = parser;
        this.header = header;
        this.positions =
                spec.columns().stream().mapToInt(c -> header.indexOf(c.name())).toArray();
    }

    /** Checks encoding and header of {@code path}; throws with a message naming the file and the fault. */
    static void check(BundleFile spec, Path path) throws BundleException {
        checkUtf8(spec, path);
        try (var table = open(spec, path)) {
            // the header checks ran in open
        }
    }

    static CsvTable open(BundleFile spec, Path path) throws BundleException {
        String name = spec.fileName();
        if (!Files.isReadable(path)) {
            throw new BundleException(name + ": the file cannot be read");
        }
        try {
            var counter = new CountingInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
            skipByteOrderMark(counter);
            var reader = new InputStreamReader(
                    counter,
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT));
            CSVParser parser = CSVParser.builder()
                    .setReader(new RecordLimitReader(reader, MAX_ROW_CHARS))
                    .setFormat(FORMAT)
                    .get();
            var iterator = parser.iterator();
            if (!iterator.hasNext()) {
                parser.close();
                throw new BundleException(name + ": the file is empty; it needs at least a header row");
            }
            List<String> header =
                    iterator.next().toList().stream().map(String::strip).toList();
            var table = new CsvTable(spec, counter, parser, header);
            table.checkHeader();
            return table;
        } catch (IOException | UncheckedIOException e) {
            throw new BundleException(name + ": cannot be read as CSV: " + rootMessage(e), e);
        }
    }

    private void checkHeader() throws BundleException {
        checkHeader(spec, header);
        var known = spec.columns().stream().map(Column::name).toList();
        for (String column : header) {
            if (!known.contains(column)) {
                unknownColumns.add(column);
            }
        }
    }

    /** Refuses a header that names a column twice or lacks a required one, naming the file and the fault. */
    static void checkHeader(BundleFile spec, List<String> header) throws BundleException {
        String name = spec.fileName();
        var seen = new HashMap<String, Integer>();
        for (String column : header) {
            if (seen.merge(column, 1, Integer::sum) > 1) {
                throw new BundleException(name + ": the header names column '" + column + "' twice");
            }
        }
        var missing = spec.columns().stream()
                .filter(Column::required)
                .map(Column::name)
                .filter(c -> !seen.containsKey(c))
                .toList();
        if (!missing.isEmpty()) {
            throw new BundleException(name + ": wrong header: required column(s) " + String.join(", ", missing)
                    + " missing (found: " + String.join(", ", header) + ")");
        }
    }

    /** Columns the contract does not define; kept as {@code x_<name>} properties when well named. */
    List<String> unknownColumns() {
        return unknownColumns;
    }

    static boolean isKeepableColumn(String column) {
        return COLUMN_NAME.matcher(column).matches();
    }

    long bytesRead() {
        return counter.count;
    }

    /**
     * Validates every row. A row that breaks a rule goes to {@link RowHandler#reject} with the first
     * broken rule; a file whose quoting breaks mid-way rejects the rest of the file in one line.
     */
    void forEachRow(RowHandler handler) {
        var iterator = parser.iterator();
        int width = header.size();
        while (true) {
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord record;
            try {
                if (!iterator.hasNext()) {
                    return;
                }
                record = iterator.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                handler.reject(
                        line,
                        "",
                        "",
                        "malformed CSV from this line to the end of the file (" + rootMessage(e)
                                + "); the rows after it were not read");
                return;
            }
            if (record.size() != width) {
                handler.reject(line, "", "", "expected " + width + " fields as in the header, found " + record.size());
                continue;
            }
            int oversized = longField(record);
            if (oversized >= 0) {
                handler.reject(
                        line,
                        header.get(oversized),
                        record.get(oversized),
                        String.format(
                                "a value of %,d characters; at most %,d are kept",
                                record.get(oversized).length(), MAX_FIELD_CHARS));
                continue;
            }
            validate(line, record, handler);
        }
    }

    /** The index of the first value over {@link #MAX_FIELD_CHARS}, -1 when none is. */
    private static int longField(CSVRecord record) {
        for (int i = 0; i < record.size(); i++) {
            if (record.get(i).length() > MAX_FIELD_CHARS) {
                return i;
            }
        }
        return -1;
    }

    private void validate(long line, CSVRecord record, RowHandler handler) {
        var columns = spec.columns();
        var values = LinkedHashMap.<String, Object>newLinkedHashMap(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            int index = positions[c];
            String raw = index < 0 ? "" : record.get(index).strip();
            if (raw.isEmpty()) {
                if (column.required()) {
                    handler.reject(line, column.name(), "", "missing required value");
                    return;
                }
                values.put(column.name(), null);
                continue;
            }
            try {
                values.put(column.name(), column.parse(raw));
            } catch (IllegalArgumentException e) {
                handler.reject(line, column.name(), raw, e.getMessage());
                return;
            }
        }
        var extras = new LinkedHashMap<String, String>();
        for (String column : unknownColumns) {
            if (isKeepableColumn(column)) {
                // Present even when empty, so that every row of a file has the same properties.
                String raw = record.get(header.indexOf(column)).strip();
                extras.put(column, raw.isEmpty() ? null : raw);
            }
        }
        handler.accept(line, values, extras);
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void skipByteOrderMark(InputStream in) throws IOException {
        in.mark(3);
        byte[] bom = in.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
            in.reset();
        }
    }

    /** Decodes the whole file once (fast, no parsing) so that a non-UTF-8 file fails before anything loads. */
    private static void checkUtf8(BundleFile spec, Path path) throws BundleException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        long line = 1;
        try (var channel = Files.newByteChannel(path)) {
            boolean eof = false;
            while (!eof) {
                eof = channel.read(bytes) < 0;
                bytes.flip();
                var result = decoder.decode(bytes, chars, eof);
                if (result.isError()) {
                    chars.flip();
                    line += countNewlines(chars);
                    throw new BundleException(spec.fileName() + ": not UTF-8 (invalid byte sequence on line " + line
                            + "); save the file as UTF-8 and submit it again");
                }
                chars.flip();
                line += countNewlines(chars);
                chars.clear();
                bytes.compact();
            }
            decoder.flush(chars);
        } catch (CharacterCodingException e) {
            throw new BundleException(spec.fileName() + ": not UTF-8 (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new BundleException(spec.fileName() + ": the file cannot be read: " + e.getMessage(), e);
        }
    }

    private static long countNewlines(CharBuffer chars) {
        long n = 0;
        for (int i = chars.position(); i < chars.limit(); i++) {
            if (chars.get(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    private static final class CountingInputStream extends FilterInputStream {
        private long count;
        private long mark;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public synchronized void mark(int limit) {
            super.mark(limit);
            mark = count;
        }

        @Override
        public synchronized void reset() throws IOException {
            super.reset();
            count = mark;
        }
    }
}
