package customs.risk.survey.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import customs.risk.survey.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseFilesTest {

    private static final List<String> ITEMS = List.of("S1", "S2", "S3");
    private static final List<AnswerExport.AnsweredRow> ROWS = List.of(
            new AnswerExport.AnsweredRow("alice", Instant.parse("2026-01-05T10:00:00Z"), List.of(7, 8, 9)),
            new AnswerExport.AnsweredRow("bob", Instant.parse("2026-01-05T11:30:00Z"), List.of(3, 4, 2)),
            new AnswerExport.AnsweredRow("carol, jr.", Instant.parse("2026-01-06T08:15:00Z"), List.of(10, 9, 10)));

    @Test
    void csvExportReadsBackAsWritten() throws IOException {
        var out = new ByteArrayOutputStream();
        AnswerExport.writeCsv(out, ITEMS, ROWS);

        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("respondent,answered_at,S1,S2,S3\n" + "alice,2026-01-05T10:00:00Z,7,8,9\n");
        var table = ResponseFiles.readCsv(new ByteArrayInputStream(out.toByteArray()));
        assertRoundTrip(table);
    }

    @Test
    void xlsxExportReadsBackAsWritten(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("answers.xlsx");
        try (var out = Files.newOutputStream(file)) {
            AnswerExport.writeXlsx(
                    out, ITEMS, ROWS, List.of(new AnswerExport.ItemLegend("S1", "analysis", "Text one")));
        }

        assertRoundTrip(ResponseFiles.read(file));
        try (var workbook = new XSSFWorkbook(Files.newInputStream(file))) {
            assertThat(workbook.getSheet("statements").getRow(1).getCell(2).getStringCellValue())
                    .isEqualTo("Text one");
        }
    }

    private static void assertRoundTrip(ResponseTable table) {
        assertThat(table.answers().items()).isEqualTo(ITEMS);
        assertThat(table.respondents()).containsExactly("alice", "bob", "carol, jr.");
        assertThat(table.answers().rows()).isDeepEqualTo(new double[][] {{7, 8, 9}, {3, 4, 2}, {10, 9, 10}});
        assertThat(table.droppedRows()).isEmpty();
    }

    @Test
    void theMtcarsFixtureReads() {
        var table = Fixtures.mtcars();

        assertThat(table.answers().n()).isEqualTo(32);
        assertThat(table.answers().items()).hasSize(11).startsWith("mpg", "cyl");
        assertThat(table.respondents()).startsWith("Mazda RX4");
    }

    @Test
    void aNonNumericCellNamesRowAndColumn() {
        assertThatThrownBy(() -> csv("a,b\n1,2\n3,x\n"))
                .isInstanceOf(SurveyFileException.class)
                .hasMessage("row 3, column 2 (b): \"x\" is not a number");
    }

    @Test
    void semicolonAndTabSeparatedFilesReadLikeCommaSeparatedOnes() throws IOException {
        for (String separator : new String[] {";", "\t"}) {
            String text = String.join(
                            "\n",
                            "Q1" + separator + "Q2",
                            "1" + separator + "2",
                            "3" + separator + "4",
                            "5" + separator + "5")
                    + "\n";
            var table = ResponseFiles.readCsv(
                    new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(table.answers().items()).as(separator).containsExactly("Q1", "Q2");
            assertThat(table.answers().rows()[1]).containsExactly(3, 4);
        }
    }

    @Test
    void aRaggedRowIsAnError() {
        assertThatThrownBy(() -> csv("a,b,c\n1,2,3\n4,5\n"))
                .isInstanceOf(SurveyFileException.class)
                .hasMessage("row 3 has 2 cells, the header has 3");
    }

    @Test
    void anEmptyFileOrAHeaderAloneIsAnError() {
        assertThatThrownBy(() -> csv("")).hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> csv("a,b\n")).hasMessageContaining("a header but no answers");
        assertThatThrownBy(() -> csv("respondent\nx\n")).hasMessageContaining("no item columns");
        assertThatThrownBy(() -> csv("a,a\n1,2\n")).hasMessageContaining("column 2: \"a\" appears twice");
    }

    @Test
    void aBlankCellDropsThatRespondent() throws IOException {
        var table = csv("\uFEFFa,b\n1,2\n3,\n5,6\n\n7,8\n");

        assertThat(table.answers().items()).containsExactly("a", "b");
        assertThat(table.answers().n()).isEqualTo(3);
        assertThat(table.droppedRows()).containsExactly(3);
    }

    @Test
    void notAWorkbookIsAnError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("answers.xlsx");
        Files.writeString(file, "a,b\n1,2\n");

        assertThatThrownBy(() -> ResponseFiles.read(file))
                .isInstanceOf(SurveyFileException.class)
                .hasMessageContaining("not an XLSX workbook");
        assertThatThrownBy(() -> ResponseFiles.read(dir.resolve("missing.csv"))).hasMessageContaining("no such file");
        assertThatThrownBy(() -> ResponseFiles.read(dir.resolve("a.ods"))).hasMessageContaining(".csv or .xlsx");
    }

    @Test
    void aTextCellInAWorkbookNamesTheCell(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.xlsx");
        try (var workbook = new XSSFWorkbook();
                var out = Files.newOutputStream(file)) {
            var sheet = workbook.createSheet();
            sheet.createRow(0).createCell(0).setCellValue("a");
            sheet.getRow(0).createCell(1).setCellValue("b");
            sheet.createRow(1).createCell(0).setCellValue(1);
            sheet.getRow(1).createCell(1).setCellValue("many");
            workbook.write(out);
        }

        assertThatThrownBy(() -> ResponseFiles.read(file)).hasMessage("cell B2 (b): \"many\" is not a number");
    }

    private static ResponseTable csv(String text) throws IOException {
        return ResponseFiles.readCsv(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
