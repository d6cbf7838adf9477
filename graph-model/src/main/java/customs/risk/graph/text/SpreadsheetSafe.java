package customs.risk.graph.text;

import java.util.regex.Pattern;

/**
 * Text for CSV files that people open in a spreadsheet. A cell starting with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return is read by Excel and LibreOffice as a formula,
 * so a value that came in from outside (a company name {@code =HYPERLINK(...)}) could run on the
 * reader's machine. Such a value gets a leading apostrophe, which spreadsheets show as text;
 * plain numbers ({@code -12.5}) stay numbers.
 */
public final class SpreadsheetSafe {

    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private SpreadsheetSafe() {}

    /** The value as a spreadsheet shows it but never evaluates it; null stays null. */
    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        boolean formula =
                first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula && !NUMBER.matcher(value).matches() ? "'" + value : value;
    }
}
