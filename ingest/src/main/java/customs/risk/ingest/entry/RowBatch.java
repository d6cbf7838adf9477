package customs.risk.ingest.entry;

import customs.risk.ingest.BundleException;
import customs.risk.ingest.ContractRows;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Rows of one bundle file sent together over the API, each with the line its sender knows it by:
 * in a CSV body the line it starts on (the header is line 1, as in a bulk load's report), in a JSON
 * array its position, counted from 1.
 */
public final class RowBatch {

    /** The most rows one batch may hold: a larger file is split by its sender or loaded as a bundle. */
    public static final int MAX_ROWS_DEFAULT = 10_000;

    /** One row and the line its sender knows it by. */
    public record Row(long line, Map<String, String> values) {

        public Row {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        String value(String column) {
            String value = values.get(column);
            return value == null ? "" : value.strip();
        }
    }

    /** A batch over its bound; nothing of it was read further or loaded. */
    public static final class TooManyRowsException extends RuntimeException {
        TooManyRowsException(int max) {
            super(String.format("too many rows: at most %,d in one batch; send the rest in another", max));
        }
    }

    private final List<Row> rows;

    private RowBatch(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /**
     * Rows given as maps by column name, lines numbered by position from 1.
     *
     * @throws TooManyRowsException beyond {@code maxRows}
     */
    public static RowBatch of(List<Map<String, String>> rows, int maxRows) {
        if (rows.size() > maxRows) {
            throw new TooManyRowsException(maxRows);
        }
        var numbered = new ArrayList<Row>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            numbered.add(new Row(i + 1, rows.get(i)));
        }
        return new RowBatch(numbered);
    }

    /**
     * Reads CSV with the header row of {@code fileName}, checked as a bulk load checks it. A row
     * whose number of fields differs from the header's keeps what it has; the loader then rejects it.
     *
     * @throws BundleException when the header is missing or wrong, or the text is not CSV
     * @throws TooManyRowsException beyond {@code maxRows}; reading stops there
     */
    public static RowBatch readCsv(String fileName, Reader csv, int maxRows) throws BundleException {
        var format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
        try (var parser = CSVParser.builder().setReader(csv).setFormat(format).get()) {
            var records = parser.iterator();
            if (!records.hasNext()) {
                throw new BundleException(fileName + ": no header row; the first line names the columns");
            }
            List<String> header = records.next().toList().stream()
                    .map(c -> c.strip().replace("\uFEFF", ""))
                    .toList();
            ContractRows.checkHeader(fileName, header);
            var rows = new ArrayList<Row>();
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                if (rows.size() == maxRows) {
                    throw new TooManyRowsException(maxRows);
                }
                rows.add(new Row(line, values(header, records.next())));
            }
            return new RowBatch(rows);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new BundleException(fileName + ": cannot be read as CSV: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> values(List<String> header, CSVRecord record) {
        var values = new LinkedHashMap<String, String>();
        for (int i = 0; i < header.size(); i++) {
            values.put(header.get(i), i < record.size() ? record.get(i) : "");
        }
        return values;
    }

    public List<Row> rows() {
        return rows;
    }

    public int size() {
        return rows.size();
    }
}
