package customs.risk.engine.resolution;

/**
 * How one field of two company records compares, as a reviewer reads it.
 *
 * @param field name, address, phone, email, registration, country, legal form or lifetime
 * @param verdict what the comparison concluded
 * @param similarity 0 to 1 where the field has degrees (names, addresses), else 1 or 0
 * @param detail the normalised values compared, for people
 */
public record FieldMatch(String field, Verdict verdict, double similarity, String detail) {

    public enum Verdict {
        SAME,
        SIMILAR,
        DIFFERENT,
        MISSING
    }
}
