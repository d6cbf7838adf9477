package customs.risk.cases.alerts;

import customs.risk.graph.store.Graph;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * The changes an alert lists, in words. Alerts of new declarations keep only the declarations' ids
 * (a load can raise tens of thousands of them at once) and describe each declaration as it stands
 * when read, its current lane included; other alerts keep the words the sweep found.
 */
final class AlertItems {

    private AlertItems() {}

    /** Fields of a declaration, after a match of {@code d}, for describing it. */
    private static final String DECLARATION_FIELDS = """

            OPTIONAL MATCH (d)-[:SOLD_BY]->(s:Company)
            OPTIONAL MATCH (d)-[:BOUGHT_BY]->(b:Company)
            RETURN d.id AS id, d.riskScore AS score, d.riskLane AS lane, d.hsCode AS hs,
                   d.officeCode AS office, d.filedOn AS filedOn, d.valueUsd AS valueUsd,
                   coalesce(s.party, s.id) AS seller, s.name AS sellerName,
                   coalesce(b.party, b.id) AS buyer, b.name AS buyerName
            """;

    /** Whether alerts of this kind keep declaration ids rather than words. */
    static boolean byDeclaration(Alert.Kind kind) {
        return kind == Alert.Kind.DECLARATION || kind == Alert.Kind.FILTER_HIT;
    }

    /**
     * The title of one new declaration in an alert.
     *
     * @param aboutKey the watched entity ({@code Company:ID}, {@code Person:ID}) or saved filter
     * @param about its name as the watch shows it
     */
    static String declarationTitle(Alert.Kind kind, String aboutKey, String about, String declarationId) {
        if (kind == Alert.Kind.FILTER_HIT) {
            return "New hit of \"" + about + "\": declaration " + declarationId;
        }
        return aboutKey.startsWith("Person:")
                ? "New declaration of a company run by " + about
                : "New declaration of " + about;
    }

    /** Each alert's changes, by alert id, with one read of the declarations they name. */
    static Map<String, List<Alert.Item>> of(Graph graph, Collection<Value> alerts) {
        var ids = new LinkedHashSet<String>();
        for (Value a : alerts) {
            if (!a.get("evidence").isNull()) {
                ids.addAll(a.get("evidence").asList(Value::asString));
            }
        }
        var declarations = new HashMap<String, String>();
        if (!ids.isEmpty()) {
            graph.stream(
                    "UNWIND $ids AS id MATCH (d:Declaration {id: id})" + DECLARATION_FIELDS,
                    Map.of("ids", List.copyOf(ids)),
                    r -> declarations.put(r.get("id").asString(), describe(r)));
        }
        var items = new HashMap<String, List<Alert.Item>>();
        for (Value a : alerts) {
            var list = new ArrayList<Alert.Item>();
            if (!a.get("evidence").isNull()) {
                var kind = Alert.Kind.valueOf(a.get("kind").asString());
                String group = a.get("group").asString();
                String aboutKey = group.substring(group.lastIndexOf('|') + 1);
                String about = a.get("about").asString("");
                for (String id : a.get("evidence").asList(Value::asString)) {
                    list.add(new Alert.Item(
                            declarationTitle(kind, aboutKey, about, id),
                            declarations.getOrDefault(id, id + ", no longer in the graph"),
                            "/entity/Declaration/" + id));
                }
            } else {
                var titles = a.get("itemTitles").asList(Value::asString);
                var details = a.get("itemDetails").asList(Value::asString);
                var links = a.get("itemLinks").asList(Value::asString);
                for (int i = 0; i < titles.size(); i++) {
                    list.add(new Alert.Item(titles.get(i), details.get(i), links.get(i)));
                }
            }
            items.put(a.get("id").asString(), list);
        }
        return items;
    }

    /** One line on a declaration: its parties, goods, value, date, office and lane. */
    private static String describe(Record r) {
        var text = new StringBuilder(r.get("id").asString()).append(": ");
        text.append(name(r, "seller")).append(" -> ").append(name(r, "buyer"));
        text.append(", HS ").append(r.get("hs").asString("?"));
        if (!r.get("valueUsd").isNull()) {
            text.append(
                    String.format(Locale.ROOT, ", USD %,.0f", r.get("valueUsd").asDouble()));
        }
        if (!r.get("filedOn").isNull()) {
            text.append(", filed ").append(r.get("filedOn").asLocalDate());
        }
        if (!r.get("office").isNull()) {
            text.append(" at ").append(r.get("office").asString());
        }
        text.append(
                r.get("lane").isNull()
                        ? ", not scored yet"
                        : String.format(
                                Locale.ROOT,
                                ", lane %s (%.2f)",
                                r.get("lane").asString(),
                                r.get("score").asDouble()));
        return text.toString();
    }

    /** The seller's or buyer's name as the declaration names it, with its id. */
    private static String name(Record r, String role) {
        String id = r.get(role).asString("?");
        String name = r.get(role + "Name").asString(null);
        return name == null || name.isBlank() ? id : name + " (" + id + ")";
    }
}
