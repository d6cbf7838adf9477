package customs.risk.engine.explore;

import customs.risk.graph.NodeLabel;
import java.util.Optional;

/**
 * A node of the graph named by its label and business key, e.g. {@code Company:476-87-16904}: what
 * URLs, the network explorer and the browser pass around. Only the labels of {@link NodeLabel} are
 * accepted, so a reference can never splice anything into a query.
 *
 * @param label node label
 * @param key the value of the label's key property
 */
public record NodeRef(NodeLabel label, String key) {

    public NodeRef {
        if (label == null || key == null || key.isBlank()) {
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
        return NodeLabel.named(text.substring(0, colon)).map(l -> new NodeRef(l, text.substring(colon + 1)));
    }

    /** A Cypher pattern matching this node as {@code variable}, its key as parameter {@code parameter}. */
    String pattern(String variable, String parameter) {
        return label.pattern(variable, parameter);
    }

    @Override
    public String toString() {
        return label.cypher() + ":" + key;
    }
}
