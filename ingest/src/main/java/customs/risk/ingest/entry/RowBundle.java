package customs.risk.ingest.entry;

import customs.risk.graph.files.Folders;
import customs.risk.ingest.BundleException;
import customs.risk.ingest.BundleIngester;
import customs.risk.ingest.ContractRows;
import customs.risk.ingest.IngestListener;
import customs.risk.ingest.IngestResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;

/**
 * Saves rows typed into a form or sent over the API by writing them as a bundle and loading that
 * through the {@link BundleIngester}: they get exactly the rules, conversions and graph writes of a
 * bulk load, and nothing is implemented twice. The bundle and its report live in a scratch folder
 * that is deleted afterwards.
 */
final class RowBundle {

    private static final String DECLARATIONS = "declarations.csv";

    /**
     * One line of the ingest report ({@code severity,file,line,column,value,reason}).
     *
     * @param row the index of the row it is about in the rows loaded, -1 for none
     */
    record ReportLine(String severity, String file, int row, String column, String value, String reason) {}

    /** The load's outcome and its report, read back. */
    record Loaded(IngestResult result, List<ReportLine> report) {

        /** Turns the report into a form's messages: rejections and notices by column. */
        EntryResult toEntry(String fileName, boolean saved) {
            var errors = new LinkedHashMap<String, String>();
            var rowErrors = new ArrayList<String>();
            var notices = new LinkedHashMap<String, String>();
            for (ReportLine line : report) {
                if (!line.file().equals(fileName)) {
                    continue;
                }
                switch (line.severity()) {
                    case "REJECTED" -> {
                        if (line.column().isEmpty()) {
                            rowErrors.add(line.reason());
                        } else {
                            errors.merge(line.column(), line.reason(), (a, b) -> a + "; " + b);
                        }
                    }
                    default -> notices.merge(line.column(), line.reason(), (a, b) -> a + "; " + b);
                }
            }
            return new EntryResult(saved, errors, rowErrors, notices);
        }
    }

    private final BundleIngester ingester;
    private final Path scratch;

    RowBundle(BundleIngester ingester, Path scratch) {
        this.ingester = ingester;
        this.scratch = scratch;
    }

    /**
     * Loads {@code row} as the one row of {@code fileName}.
     *
     * @throws IllegalArgumentException for a column the file does not have
     * @throws BundleException when the bundle cannot be loaded at all
     */
    Loaded load(String fileName, Map<String, String> row) throws BundleException {
        var columns = contractColumns(fileName);
        for (String column : row.keySet()) {
            if (!columns.contains(column)) {
                throw new IllegalArgumentException(fileName + " has no column " + column);
            }
        }
        return loadAll(fileName, List.of(row));
    }

    /**
     * Loads {@code rows} as the rows of {@code fileName}, in order. Columns outside the contract go
     * along, so that the loader keeps or warns about them as in a bulk load. A bundle needs
     * {@code declarations.csv}, so for another file an empty one (header only) goes with it.
     *
     * @throws BundleException when the bundle cannot be loaded at all
     */
    Loaded loadAll(String fileName, List<Map<String, String>> rows) throws BundleException {
        var columns = new LinkedHashSet<>(contractColumns(fileName));
        rows.forEach(row -> columns.addAll(row.keySet()));
        Path work = scratch.resolve("entry-" + UUID.randomUUID());
        try {
            Path bundle = Files.createDirectories(work.resolve("bundle"));
            var rowAtLine = write(bundle.resolve(fileName), List.copyOf(columns), rows);
            if (!fileName.equals(DECLARATIONS)) {
                write(bundle.resolve(DECLARATIONS), contractColumns(DECLARATIONS), List.of());
            }
            Path reportFile = work.resolve("report.csv");
            IngestResult result = ingester.ingest(bundle, reportFile, IngestListener.NONE);
            return new Loaded(result, read(reportFile, fileName, rowAtLine));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundle in " + work, e);
        } finally {
            try {
                Folders.deleteRecursively(work);
            } catch (UncheckedIOException e) {
                // A scratch folder left behind costs a few bytes; the save itself went through.
            }
        }
    }

    private static List<String> contractColumns(String fileName) {
        return ContractRows.columns(fileName).stream()
                .map(ContractRows.ColumnRule::name)
                .toList();
    }

    /**
     * Writes the file; answers, by the line each row starts on (as the loader's report counts
     * lines), the row's index, since a value may span lines.
     */
    private static Map<Long, Integer> write(Path file, List<String> columns, List<Map<String, String>> rows)
            throws IOException {
        var rowAtLine = new HashMap<Long, Integer>();
        try (var printer = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
            printer.printRecord(columns);
            long line = 2;
            for (int i = 0; i < rows.size(); i++) {
                var row = rows.get(i);
                var values = columns.stream()
                        .map(c -> row.get(c) == null ? "" : row.get(c).strip())
                        .toList();
                printer.printRecord(values);
                rowAtLine.put(line, i);
                line += 1 + values.stream().mapToLong(RowBundle::lineBreaks).sum();
            }
        }
        return rowAtLine;
    }

    /** Line breaks as a CSV reader counts them: CR LF, CR or LF. */
    private static long lineBreaks(String value) {
        return value.replace("\r\n", "\n")
                .chars()
                .filter(c -> c == '\n' || c == '\r')
                .count();
    }

    private static List<ReportLine> read(Path reportFile, String fileName, Map<Long, Integer> rowAtLine)
            throws IOException {
        var lines = new ArrayList<ReportLine>();
        try (var parser = CSVParser.builder()
                .setReader(Files.newBufferedReader(reportFile, StandardCharsets.UTF_8))
                .setFormat(CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get())
                .get()) {
            parser.forEach(r -> {
                String line = r.get("line");
                int row = !r.get("file").equals(fileName) || line.isEmpty()
                        ? -1
                        : rowAtLine.getOrDefault(Long.parseLong(line), -1);
                lines.add(new ReportLine(
                        r.get("severity"), r.get("file"), row, r.get("column"), r.get("value"), r.get("reason")));
            });
        }
        return lines;
    }
}
