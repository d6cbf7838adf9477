package customs.risk.graph;

import java.util.Arrays;
import java.util.Optional;

/**
 * The labels of the nodes that queries name from code, each with its business key (see
 * {@code cypher/model.md}). Code that builds a query around a label takes it from here, never from
 * a string, so nothing but these names can be spliced into Cypher.
 */
public enum NodeLabel {
    COMPANY("Company", "id"),
    PERSON("Person", "id"),
    DECLARATION("Declaration", "id"),
    DOCUMENT("Document", "id"),
    OFFICE("Office", "code"),
    HS_CODE("HsCode", "code"),
    COUNTRY("Country", "code"),
    ADDRESS("Address", "key"),
    PHONE("Phone", "key"),
    EMAIL("Email", "key"),
    INSPECTION("Inspection", "key"),
    EXCHANGE_RATE("ExchangeRate", "key"),
    CASE("Case", "id"),
    FINDING("Finding", "id"),
    PARTY("Party", "id");

    private final String name;
    private final String key;

    NodeLabel(String name, String key) {
        this.name = name;
        this.key = key;
    }

    /** The label as Cypher and the graph spell it, e.g. {@code HsCode}. */
    public String cypher() {
        return name;
    }

    /** The property holding the business key. */
    public String key() {
        return key;
    }

    /** The label spelled {@code name}, in any case. */
    public static Optional<NodeLabel> named(String name) {
        return Arrays.stream(values())
                .filter(l -> l.name.equalsIgnoreCase(name))
                .findFirst();
    }

    /** {@code (variable:Label {key: $parameter})}: a pattern matching one node by its key. */
    public String pattern(String variable, String parameter) {
        return "(" + variable + ":" + name + " {" + key + ": $" + parameter + "})";
    }

    @Override
    public String toString() {
        return name;
    }
}
