package customs.risk.ui.documents;

import customs.risk.documents.search.SearchResults;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an Elasticsearch snippet at its {@code <em>} marks and restores the document's characters
 * in each part. The view shows each part as a text node, so nothing from a document is ever read as
 * HTML.
 */
final class Snippets {

    private static final String OPEN = "<em>";
    private static final String CLOSE = "</em>";

    /** A run of snippet text; {@code hit} when it is a matched word. */
    record Part(String text, boolean hit) {}

    private Snippets() {}

    /** The parts of {@code snippet} in order; an unclosed mark runs to the end, empty parts are left out. */
    static List<Part> parse(String snippet) {
        var parts = new ArrayList<Part>();
        int at = 0;
        while (at < snippet.length()) {
            int open = snippet.indexOf(OPEN, at);
            if (open < 0) {
                add(parts, snippet.substring(at), false);
                break;
            }
            add(parts, snippet.substring(at, open), false);
            int close = snippet.indexOf(CLOSE, open + OPEN.length());
            if (close < 0) {
                add(parts, snippet.substring(open + OPEN.length()), true);
                break;
            }
            add(parts, snippet.substring(open + OPEN.length(), close), true);
            at = close + CLOSE.length();
        }
        return parts;
    }

    private static void add(List<Part> parts, String text, boolean hit) {
        if (text.isEmpty()) {
            return;
        }
        text = SearchResults.unescape(text);
        // Elasticsearch marks each word of a phrase on its own: "<em>a</em> <em>b</em>" reads as one hit.
        if (!parts.isEmpty() && parts.getLast().hit() == hit) {
            parts.set(parts.size() - 1, new Part(parts.getLast().text() + text, hit));
        } else {
            parts.add(new Part(text, hit));
        }
    }
}
