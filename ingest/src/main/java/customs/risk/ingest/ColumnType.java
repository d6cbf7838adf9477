package customs.risk.ingest;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The kinds of value a bundle column may hold, each with the rule docs/DATA-CONTRACT.md gives it. */
enum ColumnType {
    ID,
    TEXT,
    DATE,
    COUNTRY,
    CURRENCY,
    HS_CODE,
    UNIT,
    INTEGER,
    NON_NEGATIVE,
    POSITIVE,
    ENUM;

    // The rules are checked character by character rather than by regular expressions: a load of
    // ten million rows checks some fifty million values, and the expressions were a tenth of it.
    private static final int TEXT_LIMIT = 10_000;
    // ISO-3166 alpha-2 as the JDK knows it, plus two codes customs data uses widely: XK (Kosovo) and
    // ZZ (unknown or unspecified country, e.g. in the KCS dataset).
    private static final Set<String> COUNTRIES = Stream.concat(
                    Stream.of(Locale.getISOCountries()), Stream.of("XK", "ZZ"))
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode)
            .collect(Collectors.toUnmodifiableSet());

    /**
     * Parses a non-empty raw value.
     *
     * @return the typed value: String, LocalDate, Long or Double
     * @throws IllegalArgumentException with the reason a user reads in the report
     */
    Object parse(String raw, Set<String> allowed) {
        return switch (this) {
            case ID -> require(raw, isId(raw), "malformed id (1-64 characters of A-Z a-z 0-9 . _ : -)");
            case TEXT -> require(raw, raw.length() <= TEXT_LIMIT, "text longer than " + TEXT_LIMIT + " characters");
            case DATE -> parseDate(raw);
            case COUNTRY -> require(raw, COUNTRIES.contains(raw), "not an ISO-3166 alpha-2 country code");
            case CURRENCY -> require(raw, CURRENCIES.contains(raw), "not an ISO-4217 currency code");
            case HS_CODE ->
                require(
                        raw,
                        raw.length() >= 6 && raw.length() <= 10 && digits(raw, 0, raw.length()),
                        "HS code must be 6 to 10 digits");
            case UNIT -> require(raw, isUnit(raw), "malformed unit (e.g. KG, PCS, L, M2)");
            case INTEGER -> {
                int start = raw.startsWith("+") ? 1 : 0;
                int length = raw.length() - start;
                require(
                        raw,
                        length >= 1 && length <= 18 && digits(raw, start, raw.length()),
                        "not a whole number >= 0");
                yield Long.parseLong(raw);
            }
            case NON_NEGATIVE -> {
                double value = parseDecimal(raw);
                require(raw, value >= 0, "must not be negative");
                yield value;
            }
            case POSITIVE -> {
                double value = parseDecimal(raw);
                require(raw, value > 0, "must be greater than 0");
                yield value;
            }
            case ENUM -> {
                if (!allowed.contains(raw)) {
                    throw new IllegalArgumentException("unknown value; expected one of "
                            + String.join(", ", allowed.stream().sorted().toList()));
                }
                yield raw;
            }
        };
    }

    private static String require(String raw, boolean ok, String reason) {
        if (!ok) {
            throw new IllegalArgumentException(reason);
        }
        return raw;
    }

    /** Whether {@code raw} is an id: 1 to 64 of A-Z a-z 0-9 . _ : - */
    private static boolean isId(String raw) {
        if (raw.isEmpty() || raw.length() > 64) {
            return false;
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == ':'
                    || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** An upper-case letter, then up to nine upper-case letters or digits. */
    private static boolean isUnit(String raw) {
        if (raw.isEmpty() || raw.length() > 10 || raw.charAt(0) < 'A' || raw.charAt(0) > 'Z') {
            return false;
        }
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** Whether every character of {@code raw} from {@code from} to {@code to} is an ASCII digit. */
    private static boolean digits(String raw, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static LocalDate parseDate(String raw) {
        try {
            // The common form, YYYY-MM-DD, without the general parser.
            if (raw.length() == 10
                    && raw.charAt(4) == '-'
                    && raw.charAt(7) == '-'
                    && digits(raw, 0, 4)
                    && digits(raw, 5, 7)
                    && digits(raw, 8, 10)) {
                return LocalDate.of(
                        Integer.parseInt(raw, 0, 4, 10),
                        Integer.parseInt(raw, 5, 7, 10),
                        Integer.parseInt(raw, 8, 10, 10));
            }
            return LocalDate.parse(raw);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not an ISO-8601 date (YYYY-MM-DD)");
        }
    }

    /** [+-] digits [. digits], or [+-] . digits: no exponent, no thousands separator. */
    private static double parseDecimal(String raw) {
        int i = raw.startsWith("+") || raw.startsWith("-") ? 1 : 0;
        int dot = raw.indexOf('.', i);
        boolean valid = dot < 0
                ? i < raw.length() && digits(raw, i, raw.length())
                : dot + 1 < raw.length() && digits(raw, i, dot) && digits(raw, dot + 1, raw.length());
        if (!valid) {
            throw new IllegalArgumentException("not a decimal number (use '.' as decimal separator)");
        }
        // Double.parseDouble rounds to the nearest double, exactly as BigDecimal.doubleValue does.
        return Double.parseDouble(raw);
    }
}
