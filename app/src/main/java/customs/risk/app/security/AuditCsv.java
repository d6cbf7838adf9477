package customs.risk.app.security;

import customs.risk.graph.text.SpreadsheetSafe;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** An audit trail as a CSV download, every value safe to open in a spreadsheet. */
public final class AuditCsv {

    private AuditCsv() {}

    public static ResponseEntity<byte[]> download(String fileName, List<String> header, List<List<Object>> rows) {
        var out = new StringWriter();
        try (var printer = new CSVPrinter(
                out,
                CSVFormat.RFC4180
                        .builder()
                        .setRecordSeparator("\n")
                        .setHeader(header.toArray(String[]::new))
                        .get())) {
            for (var row : rows) {
                printer.printRecord(row.stream()
                        .map(v -> v instanceof String s ? SpreadsheetSafe.text(s) : v)
                        .toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
