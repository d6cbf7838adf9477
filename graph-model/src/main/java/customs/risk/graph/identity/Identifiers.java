package customs.risk.graph.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Normalizes shared identifiers (addresses, phones, e-mails) into the keys of their graph nodes,
 * so that "12 Harbour Rd., Busan" and "12 HARBOUR ROAD BUSAN" become one {@code Address} node and
 * sharing becomes a graph fact. Normalization is deliberately conservative: two keys are equal only
 * when a clerk would agree the values are the same.
 */
public final class Identifiers {

    private static final Pattern NON_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern DIGITS_ONLY = Pattern.compile("\\D+");

    // Common spelling variants of address words, mapped to one abbreviation.
    private static final Map<String, String> ADDRESS_WORDS = Map.ofEntries(
            Map.entry("ROAD", "RD"),
            Map.entry("STREET", "ST"),
            Map.entry("AVENUE", "AVE"),
            Map.entry("BOULEVARD", "BLVD"),
            Map.entry("BUILDING", "BLDG"),
            Map.entry("FLOOR", "FL"),
            Map.entry("SUITE", "STE"),
            Map.entry("ROOM", "RM"),
            Map.entry("NUMBER", "NO"),
            Map.entry("DRIVE", "DR"),
            Map.entry("LANE", "LN"),
            Map.entry("DISTRICT", "DIST"),
            Map.entry("INDUSTRIAL", "IND"),
            Map.entry("CENTRE", "CTR"),
            Map.entry("CENTER", "CTR"),
            Map.entry("APARTMENT", "APT"),
            Map.entry("HIGHWAY", "HWY"),
            Map.entry("SQUARE", "SQ"),
            Map.entry("PLACE", "PL"),
            Map.entry("COURT", "CT"),
            Map.entry("UNIT", "UNIT"));

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private Identifiers() {}

    /** Upper-case words without punctuation, common street words abbreviated; null when nothing is left. */
    public static String addressKey(String address) {
        if (address == null) {
            return null;
        }
        String folded = Normalizer.normalize(address, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        var key = new StringBuilder();
        for (String word : NON_ALNUM.split(folded)) {
            if (word.isEmpty()) {
                continue;
            }
            if (!key.isEmpty()) {
                key.append(' ');
            }
            key.append(ADDRESS_WORDS.getOrDefault(word, word));
        }
        return key.isEmpty() ? null : key.toString();
    }

    /**
     * The number in E.164, e.g. {@code +82511234567}: a national number is read with the rules of
     * {@code country} (its trunk prefix dropped where the country drops it, kept where it belongs to
     * the number, as in Italy). A number the rules cannot read keeps its digits, {@code +} in front.
     * Null when fewer than 6 digits remain.
     */
    public static String phoneKey(String phone, String country) {
        if (phone == null) {
            return null;
        }
        String trimmed = phone.strip();
        String digits = DIGITS_ONLY.matcher(trimmed).replaceAll("");
        if (digits.length() < 6) {
            return null;
        }
        String region = country == null ? null : country.strip().toUpperCase(Locale.ROOT);
        try {
            var number = PHONES.parse(trimmed.startsWith("00") ? "+" + trimmed.substring(2) : trimmed, region);
            if (PHONES.isPossibleNumber(number)) {
                return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            }
        } catch (NumberParseException e) {
            // Not a number the rules know: keep the digits below.
        }
        return "+" + (trimmed.startsWith("00") ? digits.substring(2) : digits);
    }

    /** Lower-case, trimmed; null when it is not an address of the form local@domain. */
    public static String emailKey(String email) {
        if (email == null) {
            return null;
        }
        String key = email.strip().toLowerCase(Locale.ROOT);
        int at = key.indexOf('@');
        return at > 0 && at < key.length() - 1 && key.indexOf('@', at + 1) < 0 ? key : null;
    }
}
