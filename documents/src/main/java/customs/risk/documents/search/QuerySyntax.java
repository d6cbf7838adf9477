package customs.risk.documents.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the operators users type ({@code AND}, {@code OR}, {@code NOT}, in capitals) into the
 * {@code + | -} of Lucene's simple query syntax, leaving quoted phrases alone. The simple syntax
 * is used because it never rejects input: an unbalanced quote or bracket is read as text, where
 * the full query-string syntax would fail the search.
 */
final class QuerySyntax {

    private QuerySyntax() {}

    static String toSimpleQuery(String text) {
        List<String> out = new ArrayList<>();
        boolean negateNext = false;
        for (String token : tokens(text)) {
            switch (token) {
                case "AND" -> out.add("+");
                case "OR" -> out.add("|");
                case "NOT" -> negateNext = true;
                default -> {
                    out.add(negateNext ? "-" + token : token);
                    negateNext = false;
                }
            }
        }
        return String.join(" ", out);
    }

    /** Splits on white space outside double quotes; a quoted phrase stays one token. */
    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        var current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (Character.isWhitespace(c) && !quoted) {
                if (!current.isEmpty()) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            tokens.add(current.toString());
        }
        return tokens;
    }
}
