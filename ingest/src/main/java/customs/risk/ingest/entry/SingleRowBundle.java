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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;

/**
 * Saves one form row by writing it as a one-row bundle and loading that through the
 * {@link BundleIngester}: the form gets exactly the rules, conversions and graph writes of a bulk
 * load, and nothing is implemented twice. The bundle and its report live in a scratch folder that
 * is deleted afterwards.
 */
final class SingleRowBundle {

    private static final String DECLARATIONS = "declarations.csv";

    /** One line of the ingest report ({@code severity,file,line,column,value,reason}). */
    record ReportLine(String severity, String file, String column, String value, String reason) {}

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

    SingleRowBundle(BundleIngester ingester, Path scratch) {
        this.ingester = ingester;
        this.scratch = scratch;
    }

    /**
     * Loads {@code row} as the one row of {@code fileName}. A bundle needs {@code declarations.csv},
     * so for another file an empty one (header only) goes with it.
     *
     * @throws IllegalArgumentException for a column the file does not have
     * @throws BundleException when the bundle cannot be loaded at all
     */
    Loaded load(String fileName, Map<String, String> row) throws BundleException {
        var columns = ContractRows.columns(fileName).stream()
                .map(ContractRows.ColumnRule::name)
                .toList();
        for (String column : row.keySet()) {
            if (!columns.contains(column)) {
                throw new IllegalArgumentException(fileName + " has no column " + column);
            }
        }
        Path work = scratch.resolve("entry-" + UUID.randomUUID());
        try {
            Path bundle = Files.createDirectories(work.resolve("bundle"));
            write(bundle.resolve(fileName), columns, row);
            if (!fileName.equals(DECLARATIONS)) {
                write(
                        bundle.resolve(DECLARATIONS),
                        ContractRows.columns(DECLARATIONS).stream()
                                .map(ContractRows.ColumnRule::name)
                                .toList(),
                        null);
            }
            Path reportFile = work.resolve("report.csv");
            IngestResult result = ingester.ingest(bundle, reportFile, IngestListener.NONE);
            return new Loaded(result, read(reportFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the one-row bundle in " + work, e);
        } finally {
            try {
                Folders.deleteRecursively(work);
            } catch (UncheckedIOException e) {
                // A scratch folder left behind costs a few bytes; the save itself went through.
            }
        }
    }

    private static void write(Path file, List<String> columns, Map<String, String> row) throws IOException {
        try (var printer = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
            printer.printRecord(columns);
            if (row != null) {
                printer.printRecord(columns.stream()
                        .map(c -> row.getOrDefault(c, "") == null
                                ? ""
                                : row.getOrDefault(c, "").strip())
                        .toList());
            }
        }
    }

    private static List<ReportLine> read(Path reportFile) throws IOException {
        var lines = new ArrayList<ReportLine>();
        try (var parser = CSVParser.builder()
                .setReader(Files.newBufferedReader(reportFile, StandardCharsets.UTF_8))
                .setFormat(CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get())
                .get()) {
            parser.forEach(r -> lines.add(new ReportLine(
                    r.get("severity"), r.get("file"), r.get("column"), r.get("value"), r.get("reason"))));
        }
        return lines;
    }
}
