package customs.risk.ingest;

import customs.risk.graph.text.SpreadsheetSafe;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The CSV report a user reads after a load: every rejected row with file, line, column and reason,
 * every placeholder created for an unknown reference, and warnings. Written as the load goes, so a
 * bundle of a million bad rows does not sit in memory.
 */
final class IngestReport implements Closeable {

    static final String[] HEADER = {"severity", "file", "line", "column", "value", "reason"};
    private static final int QUOTED_CHARS = 200;

    enum Severity {
        REJECTED,
        PLACEHOLDER,
        WARNING
    }

    private final CSVPrinter printer;
    private long rejected;
    private long placeholders;
    private long warnings;

    IngestReport(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.printer = new CSVPrinter(
                writer, CSVFormat.DEFAULT.builder().setHeader(HEADER).get());
    }

    synchronized void add(Severity severity, String file, long line, String column, String value, String reason) {
        switch (severity) {
            case REJECTED -> rejected++;
            case PLACEHOLDER -> placeholders++;
            case WARNING -> warnings++;
        }
        try {
            printer.printRecord(
                    severity,
                    SpreadsheetSafe.text(file),
                    line > 0 ? line : "",
                    SpreadsheetSafe.text(column),
                    SpreadsheetSafe.text(shortened(value)),
                    SpreadsheetSafe.text(reason));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ingest report", e);
        }
    }

    /** A value as the report quotes it: an oversized one is cut, so that the report stays readable. */
    private static String shortened(String value) {
        return value == null || value.length() <= QUOTED_CHARS
                ? value
                : value.substring(0, QUOTED_CHARS) + "... (" + String.format("%,d", value.length()) + " characters)";
    }

    void reject(String file, long line, String column, String value, String reason) {
        add(Severity.REJECTED, file, line, column, value, reason);
    }

    void placeholder(String file, long line, String column, String noun, String id) {
        add(
                Severity.PLACEHOLDER,
                file,
                line,
                column,
                id,
                "unknown " + noun + ": referenced before any file described it; a placeholder " + noun
                        + " stands in for it");
    }

    synchronized long placeholders() {
        return placeholders;
    }

    synchronized long warnings() {
        return warnings;
    }

    @Override
    public synchronized void close() throws IOException {
        printer.close();
    }
}
