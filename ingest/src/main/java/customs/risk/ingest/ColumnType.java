package customs.risk.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
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

    static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern HS_PATTERN = Pattern.compile("\\d{6,10}");
    private static final Pattern UNIT_PATTERN = Pattern.compile("[A-Z][A-Z0-9]{0,9}");
    private static final Pattern DECIMAL_PATTERN = Pattern.compile("[+-]?\\d+(\\.\\d+)?|[+-]?\\.\\d+");
    private static final Pattern INTEGER_PATTERN = Pattern.compile("\\+?\\d{1,18}");
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
            case ID ->
                require(
                        raw,
                        ID_PATTERN.matcher(raw).matches(),
                        "malformed id (1-64 characters of A-Z a-z 0-9 . _ : -)");
            case TEXT -> require(raw, raw.length() <= TEXT_LIMIT, "text longer than " + TEXT_LIMIT + " characters");
            case DATE -> parseDate(raw);
            case COUNTRY -> require(raw, COUNTRIES.contains(raw), "not an ISO-3166 alpha-2 country code");
            case CURRENCY -> require(raw, CURRENCIES.contains(raw), "not an ISO-4217 currency code");
            case HS_CODE -> require(raw, HS_PATTERN.matcher(raw).matches(), "HS code must be 6 to 10 digits");
            case UNIT -> require(raw, UNIT_PATTERN.matcher(raw).matches(), "malformed unit (e.g. KG, PCS, L, M2)");
            case INTEGER -> {
                require(raw, INTEGER_PATTERN.matcher(raw).matches(), "not a whole number >= 0");
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
            case ENUM ->
                require(
                        raw,
                        allowed.contains(raw),
                        "unknown value; expected one of "
                                + String.join(", ", allowed.stream().sorted().toList()));
        };
    }

    private static String require(String raw, boolean ok, String reason) {
        if (!ok) {
            throw new IllegalArgumentException(reason);
        }
        return raw;
    }

    private static LocalDate parseDate(String raw) {
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 date (YYYY-MM-DD)");
        }
    }

    private static double parseDecimal(String raw) {
        if (!DECIMAL_PATTERN.matcher(raw).matches()) {
            throw new IllegalArgumentException("not a decimal number (use '.' as decimal separator)");
        }
        return new BigDecimal(raw).doubleValue();
    }
}
