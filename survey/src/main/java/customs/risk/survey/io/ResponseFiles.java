package customs.risk.survey.io;

import customs.risk.survey.stats.ResponseMatrix;
import customs.risk.survey.stats.SurveyDataException;
import customs.risk.survey.stats.SurveyStatistics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads answers from CSV (RFC 4180, UTF-8) or XLSX (the first sheet): a header row of item names, then
 * one row per respondent with a number per item.
 *
 * <p>Columns named {@code respondent} and {@code answered_at} are labels, not items, so a file exported
 * by {@link AnswerExport} reads back as it was written. A blank cell is a missing answer: that
 * respondent is left out (listwise deletion) and {@link ResponseTable#droppedRows()} says which rows were.
 * Anything else that is not a number, a row longer or shorter than the header, duplicate item names and
 * an empty file are errors naming the row and column.
 */
public final class ResponseFiles {

    public static final String RESPONDENT = "respondent";
    public static final String ANSWERED_AT = "answered_at";
    private static final Set<String> LABELS = Set.of(RESPONDENT, ANSWERED_AT);

    private ResponseFiles() {}

    /** Reads by file extension: {@code .csv} or {@code .xlsx}. */
    public static ResponseTable read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean csv = name.endsWith(".csv");
        if (!csv && !name.endsWith(".xlsx")) {
            throw new SurveyFileException(file + ": expected a .csv or .xlsx file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return csv ? readCsv(in) : readXlsx(in);
        } catch (NoSuchFileException e) {
            throw new SurveyFileException(file + ": no such file");
        } catch (IOException e) {
            throw new SurveyFileException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The constructs a workbook names on a sheet called {@code statements} (columns {@code column},
     * {@code construct}, ...), as the product's XLSX export writes it, in the order of their first
     * item; empty for a CSV file or a workbook without that sheet.
     */
    public static List<SurveyStatistics.Construct> constructs(Path file) {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(file);
                var workbook = new XSSFWorkbook(in)) {
            Sheet legend = workbook.getSheet("statements");
            if (legend == null) {
                return List.of();
            }
            var items = new java.util.LinkedHashMap<String, List<String>>();
            var text = new org.apache.poi.ss.usermodel.DataFormatter();
            for (int r = legend.getFirstRowNum() + 1; r <= legend.getLastRowNum(); r++) {
                Row row = legend.getRow(r);
                if (row == null) {
                    continue;
                }
                String column = text.formatCellValue(row.getCell(0)).strip();
                String construct = text.formatCellValue(row.getCell(1)).strip();
                if (!column.isEmpty() && !construct.isEmpty()) {
                    items.computeIfAbsent(construct, k -> new ArrayList<>()).add(column);
                }
            }
            return items.entrySet().stream()
                    .map(e -> new SurveyStatistics.Construct(e.getKey(), e.getValue()))
                    .toList();
        } catch (IOException e) {
            throw new SurveyFileException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The delimiter of the header line: a comma, or a semicolon or tab where the header has those and
     * no comma (spreadsheets save semicolons where the comma is the decimal mark).
     */
    static char delimiter(java.io.BufferedReader reader) throws IOException {
        reader.mark(64 * 1024);
        String header = reader.readLine();
        reader.reset();
        if (header == null || header.indexOf(',') >= 0) {
            return ',';
        }
        return header.indexOf(';') >= 0 ? ';' : header.indexOf('\t') >= 0 ? '\t' : ',';
    }

    public static ResponseTable readCsv(InputStream in) throws IOException {
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        var parser = CSVFormat.RFC4180
                .builder()
                .setTrim(true)
                .setDelimiter(delimiter(reader))
                .get()
                .parse(reader);
        var records = parser.iterator();
        if (!records.hasNext()) {
            throw new SurveyFileException("the file is empty: expected a header row of item names");
        }
        List<String> names = record(records.next());
        // Spreadsheet programs often start a UTF-8 CSV with a byte-order mark.
        if (!names.isEmpty() && names.getFirst().startsWith("\uFEFF")) {
            names.set(0, names.getFirst().substring(1).strip());
        }
        var header = new Columns(names, c -> "column " + (c + 1));
        var builder = new Builder(header);
        while (records.hasNext()) {
            CSVRecord row = records.next();
            int line = (int) row.getRecordNumber();
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            if (row.size() != header.size()) {
                throw new SurveyFileException(
                        "row " + line + " has " + row.size() + " cells, the header has " + header.size());
            }
            builder.add(line, record(row), c -> "row " + line + ", column " + (c + 1));
        }
        return builder.build();
    }

    public static ResponseTable readXlsx(InputStream in) throws IOException {
        try (var workbook = new XSSFWorkbook(in)) {
            if (workbook.getNumberOfSheets() == 0) {
                throw new SurveyFileException("the workbook has no sheet");
            }
            Sheet sheet = workbook.getSheetAt(0);
            Row first = sheet.getRow(sheet.getFirstRowNum());
            if (first == null || first.getLastCellNum() <= 0) {
                throw new SurveyFileException("the first sheet is empty: expected a header row of item names");
            }
            int width = first.getLastCellNum();
            var headerCells = new ArrayList<String>();
            for (int c = 0; c < width; c++) {
                headerCells.add(text(first.getCell(c), first.getRowNum(), c));
            }
            var header = new Columns(headerCells, c -> "cell " + ref(first.getRowNum(), c));
            var builder = new Builder(header);
            for (int r = first.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                int rowIndex = r;
                for (int c = width; c < row.getLastCellNum(); c++) {
                    if (!text(row.getCell(c), r, c).isEmpty()) {
                        throw new SurveyFileException("cell " + ref(r, c) + " lies beyond the header's last column");
                    }
                }
                var cells = new ArrayList<String>();
                for (int c = 0; c < width; c++) {
                    cells.add(text(row.getCell(c), r, c));
                }
                if (cells.stream().allMatch(String::isEmpty)) {
                    continue;
                }
                builder.add(r + 1, cells, c -> "cell " + ref(rowIndex, c));
            }
            return builder.build();
        } catch (org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException | org.apache.poi.EmptyFileException e) {
            throw new SurveyFileException("not an XLSX workbook: " + e.getMessage(), e);
        }
    }

    private static List<String> record(CSVRecord row) {
        var cells = new ArrayList<String>(row.size());
        row.forEach(cells::add);
        return cells;
    }

    /** A cell as text; numbers keep their full precision. */
    private static String text(Cell cell, int row, int column) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> Double.toString(cell.getNumericCellValue());
            case STRING -> cell.getStringCellValue().strip();
            case BLANK -> "";
            default ->
                throw new SurveyFileException("cell " + ref(row, column) + ": expected a number, found "
                        + type.name().toLowerCase(Locale.ROOT));
        };
    }

    private static String ref(int row, int column) {
        return new CellReference(row, column).formatAsString(false);
    }

    /** Which columns are items and which are labels. */
    private static final class Columns {
        final List<String> names;
        final List<Integer> itemColumns = new ArrayList<>();
        final int respondentColumn;

        Columns(List<String> names, java.util.function.IntFunction<String> where) {
            this.names = List.copyOf(names);
            var seen = new HashSet<String>();
            int respondent = -1;
            for (int c = 0; c < names.size(); c++) {
                String name = names.get(c);
                if (name.isEmpty()) {
                    throw new SurveyFileException("header, " + where.apply(c) + ": an item needs a name");
                }
                if (!seen.add(name)) {
                    throw new SurveyFileException("header, " + where.apply(c) + ": \"" + name + "\" appears twice");
                }
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.equals(RESPONDENT)) {
                    respondent = c;
                } else if (!LABELS.contains(lower)) {
                    itemColumns.add(c);
                }
            }
            if (itemColumns.isEmpty()) {
                throw new SurveyFileException("the header names no item columns");
            }
            this.respondentColumn = respondent;
        }

        int size() {
            return names.size();
        }
    }

    private static final class Builder {
        private final Columns columns;
        private final List<double[]> rows = new ArrayList<>();
        private final List<String> respondents = new ArrayList<>();
        private final List<Integer> dropped = new ArrayList<>();

        Builder(Columns columns) {
            this.columns = columns;
        }

        void add(int line, List<String> cells, java.util.function.IntFunction<String> where) {
            double[] values = new double[columns.itemColumns.size()];
            boolean complete = true;
            for (int i = 0; i < values.length; i++) {
                int c = columns.itemColumns.get(i);
                String cell = cells.get(c);
                if (cell.isEmpty()) {
                    complete = false;
                    continue;
                }
                try {
                    values[i] = Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    throw new SurveyFileException(
                            where.apply(c) + " (" + columns.names.get(c) + "): \"" + cell + "\" is not a number");
                }
                if (!Double.isFinite(values[i])) {
                    throw new SurveyFileException(where.apply(c) + " (" + columns.names.get(c) + "): \"" + cell
                            + "\" is not a finite number");
                }
            }
            if (!complete) {
                dropped.add(line);
                return;
            }
            rows.add(values);
            respondents.add(columns.respondentColumn >= 0 ? cells.get(columns.respondentColumn) : "row " + line);
        }

        ResponseTable build() {
            if (rows.isEmpty() && dropped.isEmpty()) {
                throw new SurveyFileException("the file has a header but no answers");
            }
            List<String> items =
                    columns.itemColumns.stream().map(columns.names::get).toList();
            try {
                return new ResponseTable(
                        new ResponseMatrix(items, rows.toArray(double[][]::new)), respondents, dropped);
            } catch (SurveyDataException e) {
                throw new SurveyFileException(e.getMessage(), e);
            }
        }
    }
}
