package customs.risk.cases;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code @username} in a message text, by the username rule of the accounts (3-40 of
 * {@code a-z 0-9 . - _}). An {@code @} inside a word (an e-mail address) is not a mention, and a
 * trailing dot ends the sentence, not the name.
 */
final class Mentions {

    private static final Pattern MENTION = Pattern.compile("(?<![\\w.@-])@([A-Za-z0-9][A-Za-z0-9._-]{2,39})");

    private Mentions() {}

    /** Distinct names in order of first mention, lower case; whether such users exist is the caller's affair. */
    static List<String> in(String text) {
        var names = new LinkedHashSet<String>();
        var matcher = MENTION.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1).toLowerCase(Locale.ROOT).replaceAll("[.]+$", "");
            if (name.length() >= 3) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }
}
