package customs.risk.survey.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes a survey's answers as CSV or XLSX: columns {@code respondent}, {@code answered_at} (ISO-8601,
 * UTC), then one column per item, one row per respondent. {@link ResponseFiles} reads both back, so an
 * export goes straight into {@code ./risk survey-stats}. The XLSX has a second sheet with what each item
 * column stands for.
 */
public final class AnswerExport {

    /** One respondent's answers, in item order. */
    public record AnsweredRow(String respondent, Instant answeredAt, List<Integer> ratings) {
        public AnsweredRow {
            ratings = List.copyOf(ratings);
        }
    }

    /** What an item column means: its header, the construct it belongs to and its wording. */
    public record ItemLegend(String column, String construct, String text) {}

    private AnswerExport() {}

    public static void writeCsv(OutputStream out, List<String> items, List<AnsweredRow> rows) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        var header = new ArrayList<String>();
        header.add(ResponseFiles.RESPONDENT);
        header.add(ResponseFiles.ANSWERED_AT);
        header.addAll(items);
        var printer = new CSVPrinter(
                writer,
                CSVFormat.RFC4180
                        .builder()
                        .setRecordSeparator("\n")
                        .setHeader(header.toArray(String[]::new))
                        .get());
        for (AnsweredRow row : rows) {
            check(items, row);
            var record = new ArrayList<Object>();
            record.add(row.respondent());
            record.add(row.answeredAt().toString());
            record.addAll(row.ratings());
            printer.printRecord(record);
        }
        printer.flush();
    }

    public static void writeXlsx(OutputStream out, List<String> items, List<AnsweredRow> rows, List<ItemLegend> legend)
            throws IOException {
        try (var workbook = new XSSFWorkbook()) {
            var sheet = workbook.createSheet("answers");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue(ResponseFiles.RESPONDENT);
            header.createCell(1).setCellValue(ResponseFiles.ANSWERED_AT);
            for (int j = 0; j < items.size(); j++) {
                header.createCell(j + 2).setCellValue(items.get(j));
            }
            int r = 1;
            for (AnsweredRow row : rows) {
                check(items, row);
                Row line = sheet.createRow(r++);
                line.createCell(0).setCellValue(row.respondent());
                line.createCell(1).setCellValue(row.answeredAt().toString());
                for (int j = 0; j < items.size(); j++) {
                    line.createCell(j + 2).setCellValue(row.ratings().get(j));
                }
            }
            if (!legend.isEmpty()) {
                var statements = workbook.createSheet("statements");
                Row head = statements.createRow(0);
                head.createCell(0).setCellValue("column");
                head.createCell(1).setCellValue("construct");
                head.createCell(2).setCellValue("statement");
                int i = 1;
                for (ItemLegend item : legend) {
                    Row line = statements.createRow(i++);
                    line.createCell(0).setCellValue(item.column());
                    line.createCell(1).setCellValue(item.construct());
                    line.createCell(2).setCellValue(item.text());
                }
            }
            workbook.write(out);
        }
    }

    private static void check(List<String> items, AnsweredRow row) {
        if (row.ratings().size() != items.size()) {
            throw new IllegalArgumentException(
                    row.respondent() + " has " + row.ratings().size() + " ratings for " + items.size() + " items");
        }
    }
}
