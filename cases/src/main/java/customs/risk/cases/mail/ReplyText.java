package customs.risk.cases.mail;

import java.util.ArrayList;
import java.util.regex.Pattern;

/**
 * The new text of an e-mail reply: what precedes the quoted notification. Mail clients quote with
 * an attribution line ("On Mon, 1 Jan 2026, Risk wrote:", possibly wrapped over two lines) and
 * {@code >} prefixes; both, and everything after the attribution, are dropped, as is a signature
 * after the standard "-- " separator (or "--": some clients trim the space).
 */
final class ReplyText {

    private static final Pattern ATTRIBUTION = Pattern.compile("^\\s*On\\b.*\\bwrote:\\s*$");
    private static final Pattern ATTRIBUTION_START = Pattern.compile("^\\s*On\\b.*");
    private static final Pattern WROTE_END = Pattern.compile(".*\\bwrote:\\s*$");

    private ReplyText() {}

    static String strip(String body) {
        String[] lines = body.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        var kept = new ArrayList<String>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (ATTRIBUTION.matcher(line).matches()
                    || (i + 1 < lines.length
                            && ATTRIBUTION_START.matcher(line).matches()
                            && WROTE_END.matcher(lines[i + 1]).matches())
                    || line.equals("-- ")
                    || line.equals("--")) {
                break;
            }
            if (!line.stripLeading().startsWith(">")) {
                kept.add(line);
            }
        }
        return String.join("\n", kept).strip();
    }
}
