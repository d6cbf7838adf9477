package customs.risk.graph.identity;

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
            Map.entry("ROAD", "RD"), Map.entry("STREET", "ST"), Map.entry("AVENUE", "AVE"),
            Map.entry("BOULEVARD", "BLVD"), Map.entry("BUILDING", "BLDG"), Map.entry("FLOOR", "FL"),
            Map.entry("SUITE", "STE"), Map.entry("ROOM", "RM"), Map.entry("NUMBER", "NO"),
            Map.entry("DRIVE", "DR"), Map.entry("LANE", "LN"), Map.entry("DISTRICT", "DIST"),
            Map.entry("INDUSTRIAL", "IND"), Map.entry("CENTRE", "CTR"), Map.entry("CENTER", "CTR"),
            Map.entry("APARTMENT", "APT"), Map.entry("HIGHWAY", "HWY"), Map.entry("SQUARE", "SQ"),
            Map.entry("PLACE", "PL"), Map.entry("COURT", "CT"), Map.entry("UNIT", "UNIT"));

    // Country calling codes, to turn national phone formats ("051-123-4567") into international ones.
    private static final Map<String, String> CALLING_CODES = Map.ofEntries(
            Map.entry("KR", "82"), Map.entry("CN", "86"), Map.entry("JP", "81"), Map.entry("US", "1"),
            Map.entry("CA", "1"), Map.entry("GB", "44"), Map.entry("DE", "49"), Map.entry("FR", "33"),
            Map.entry("IT", "39"), Map.entry("ES", "34"), Map.entry("NL", "31"), Map.entry("BE", "32"),
            Map.entry("CH", "41"), Map.entry("AT", "43"), Map.entry("PL", "48"), Map.entry("TR", "90"),
            Map.entry("IN", "91"), Map.entry("VN", "84"), Map.entry("TH", "66"), Map.entry("MY", "60"),
            Map.entry("SG", "65"), Map.entry("ID", "62"), Map.entry("PH", "63"), Map.entry("HK", "852"),
            Map.entry("TW", "886"), Map.entry("AU", "61"), Map.entry("NZ", "64"), Map.entry("BR", "55"),
            Map.entry("MX", "52"), Map.entry("AE", "971"), Map.entry("SA", "966"), Map.entry("RU", "7"),
            Map.entry("ZA", "27"), Map.entry("EG", "20"), Map.entry("BD", "880"), Map.entry("PK", "92"),
            Map.entry("SE", "46"), Map.entry("DK", "45"), Map.entry("NO", "47"), Map.entry("FI", "358"),
            Map.entry("IE", "353"), Map.entry("PT", "351"), Map.entry("CZ", "420"), Map.entry("HU", "36"),
            Map.entry("CL", "56"), Map.entry("AR", "54"), Map.entry("CO", "57"), Map.entry("PE", "51"));

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
     * International digits, e.g. {@code +82511234567}. A national number (leading 0) is completed
     * with the calling code of {@code country} when known. Null when fewer than 6 digits remain.
     */
    public static String phoneKey(String phone, String country) {
        if (phone == null) {
            return null;
        }
        String trimmed = phone.strip();
        boolean international = trimmed.startsWith("+") || trimmed.startsWith("00");
        String digits = DIGITS_ONLY.matcher(trimmed).replaceAll("");
        if (trimmed.startsWith("00")) {
            digits = digits.substring(2);
        }
        if (!international) {
            String code = country == null ? null : CALLING_CODES.get(country);
            if (code != null) {
                digits = code + (digits.startsWith("0") ? digits.substring(1) : digits);
            }
        }
        return digits.length() < 6 ? null : "+" + digits;
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
