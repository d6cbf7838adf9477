package customs.risk.cases.alerts;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which of many names a text names: the name's words in a row, case, accents of width and
 * punctuation aside, and a trailing legal form optional ("Acme Pump Trading Co., Ltd." is named by
 * "ACME PUMP TRADING"). One pass over the text's words, however many names there are.
 */
final class Names {

    private static final Set<String> LEGAL_FORMS = Set.of(
            "co",
            "ltd",
            "inc",
            "llc",
            "corp",
            "corporation",
            "company",
            "limited",
            "gmbh",
            "plc",
            "sa",
            "ag",
            "bv",
            "jsc",
            "pte",
            "pvt",
            "kk",
            "srl",
            "spa",
            "tnhh");

    private record Name(String key, String[] words) {}

    private final Map<String, List<Name>> byFirstWord = new HashMap<>();

    /** @param names each name by the key to report it under; names too short to mean anything are left out */
    Names(Map<String, String> names) {
        names.forEach((key, name) -> {
            var words = new ArrayList<>(List.of(words(name)));
            while (words.size() > 1 && LEGAL_FORMS.contains(words.getLast())) {
                words.removeLast();
            }
            if (words.isEmpty() || String.join("", words).length() < 4) {
                return;
            }
            byFirstWord
                    .computeIfAbsent(words.getFirst(), k -> new ArrayList<>())
                    .add(new Name(key, words.toArray(String[]::new)));
        });
    }

    /** The keys of the names the text names. */
    Set<String> in(String text) {
        var found = new HashSet<String>();
        String[] words = words(text);
        for (int i = 0; i < words.length; i++) {
            for (Name name : byFirstWord.getOrDefault(words[i], List.of())) {
                if (startsAt(words, i, name.words())) {
                    found.add(name.key());
                }
            }
        }
        return found;
    }

    private static boolean startsAt(String[] words, int at, String[] name) {
        if (at + name.length > words.length) {
            return false;
        }
        for (int j = 1; j < name.length; j++) {
            if (!words[at + j].equals(name[j])) {
                return false;
            }
        }
        return true;
    }

    private static String[] words(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return java.util.Arrays.stream(folded.split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty())
                .toArray(String[]::new);
    }
}
