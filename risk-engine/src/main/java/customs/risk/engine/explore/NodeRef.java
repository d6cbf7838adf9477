package customs.risk.engine.explore;

import java.util.Map;
import java.util.Optional;

/**
 * A node of the graph named by its label and business key, e.g. {@code Company:476-87-16904}: what
 * URLs, the network explorer and the browser pass around. Only the labels below are accepted, so a
 * reference can never splice anything into a query.
 *
 * @param label node label
 * @param key the value of the label's key property
 */
public record NodeRef(String label, String key) {

    /** Key property per label (cypher/model.md). */
    static final Map<String, String> KEYS = Map.ofEntries(Map.entry("Company", "id"), Map.entry("Person", "id"),
            Map.entry("Declaration", "id"), Map.entry("Document", "id"), Map.entry("Office", "code"),
            Map.entry("HsCode", "code"), Map.entry("Country", "code"), Map.entry("Address", "key"),
            Map.entry("Phone", "key"), Map.entry("Email", "key"), Map.entry("Inspection", "key"),
            Map.entry("Case", "id"));

    public NodeRef {
        if (!KEYS.containsKey(label) || key == null || key.isBlank()) {
            throw new IllegalArgumentException("not a node reference: " + label + ":" + key);
        }
    }

    /** Parses {@code Label:key} (the label in any case, e.g. {@code company:ID}); empty for anything else. */
    public static Optional<NodeRef> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon < 1 || colon == text.length() - 1) {
            return Optional.empty();
        }
        String label = text.substring(0, colon);
        return KEYS.keySet().stream().filter(l -> l.equalsIgnoreCase(label)).findFirst()
                .map(l -> new NodeRef(l, text.substring(colon + 1)));
    }

    String keyProperty() {
        return KEYS.get(label);
    }

    /** A Cypher pattern matching this node as {@code variable}, its key as parameter {@code parameter}. */
    String pattern(String variable, String parameter) {
        return "(" + variable + ":" + label + " {" + keyProperty() + ": $" + parameter + "})";
    }

    @Override
    public String toString() {
        return label + ":" + key;
    }
}
