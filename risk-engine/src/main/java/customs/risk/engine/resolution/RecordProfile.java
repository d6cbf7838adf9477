package customs.risk.engine.resolution;

import customs.risk.graph.identity.Identifiers;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** A company record with every field normalised once, for blocking and comparison. */
final class RecordProfile {

    final CompanyRecord record;
    final CompanyName name;
    final String compact;
    final String spaced;
    final String fingerprint;
    final Set<String> words;
    final Set<String> phonetic;
    final String phoneticKey;
    final String addressKey;
    final Set<String> addressWords;
    final String phoneKey;
    final String email;
    final String registration;
    final String country;
    /** Hashes of the character trigrams of {@link #compact}, distinct and sorted. */
    final int[] trigrams;

    RecordProfile(CompanyRecord record) {
        this.record = record;
        this.name = CompanyName.of(record.name());
        this.compact = name.compact();
        this.spaced = name.spaced();
        this.fingerprint = name.fingerprint();
        this.words = new LinkedHashSet<>(name.words());
        this.phonetic = name.phonetic();
        this.phoneticKey = String.join(" ", phonetic);
        this.country = blankToNull(record.country()) == null
                ? null
                : record.country().strip().toUpperCase(Locale.ROOT);
        this.addressKey = Identifiers.addressKey(record.address());
        this.addressWords = addressKey == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(addressKey.split(" ")));
        this.phoneKey = Identifiers.phoneKey(record.phone(), country);
        this.email = blankToNull(record.email()) == null
                ? null
                : record.email().strip().toLowerCase(Locale.ROOT);
        String reg = record.registrationNumber() == null
                ? ""
                : record.registrationNumber().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        this.registration = reg.isEmpty() ? null : reg;
        this.trigrams = trigrams(compact);
    }

    String id() {
        return record.id();
    }

    static int[] trigrams(String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String padded = "^" + text + "$";
        int[] grams = new int[Math.max(1, padded.length() - 2)];
        for (int i = 0; i + 3 <= padded.length(); i++) {
            grams[i] = padded.substring(i, i + 3).hashCode();
        }
        if (padded.length() < 3) {
            grams[0] = padded.hashCode();
        }
        return Arrays.stream(grams).distinct().sorted().toArray();
    }

    /** Dice coefficient of two sorted trigram sets. */
    static double dice(int[] a, int[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        int i = 0;
        int j = 0;
        int shared = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                shared++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return 2.0 * shared / (a.length + b.length);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
