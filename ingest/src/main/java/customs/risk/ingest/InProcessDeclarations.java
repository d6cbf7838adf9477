package customs.risk.ingest;

import customs.risk.graph.NodeLabel;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.TransientFailureException;

/**
 * Creates new declarations through the embedded store's Java API: the same nodes, labels, properties
 * and links as the Cypher that {@link GraphWriter} sends over Bolt to an external server. Packing each
 * row for Bolt and interpreting the Cypher took the larger part of a load into a filled store; without
 * them it loads about 1.6 times as many declarations a second. Each linked company, office, code and
 * country is looked up once per batch.
 */
final class InProcessDeclarations {

    private static final Label DECLARATION = label(NodeLabel.DECLARATION);
    private static final Label UNSCORED = Label.label("Unscored");
    private static final int ATTEMPTS = 3;

    /** A link of a new declaration: its type, the property naming the other end, and that end's label. */
    private record Link(RelationshipType type, String property, NodeLabel label) {
        Link(String type, String property, NodeLabel label) {
            this(RelationshipType.withName(type), property, label);
        }
    }

    private static final List<Link> REQUIRED = List.of(
            new Link("SOLD_BY", "sellerId", NodeLabel.COMPANY),
            new Link("BOUGHT_BY", "buyerId", NodeLabel.COMPANY),
            new Link("LODGED_AT", "officeCode", NodeLabel.OFFICE),
            new Link("CLASSIFIED_AS", "hsCode", NodeLabel.HS_CODE),
            new Link("ORIGINATES_IN", "originCountry", NodeLabel.COUNTRY));
    private static final Link DECLARANT = new Link("DECLARED_BY", "declarantId", NodeLabel.COMPANY);

    private final GraphDatabaseService database;

    InProcessDeclarations(GraphDatabaseService database) {
        this.database = database;
    }

    /**
     * Creates, in one transaction, the declarations of {@code rows} that are not in the store yet, and
     * returns the others, for the caller to replace. The nodes they link to exist (the writer made sure
     * of it); a row whose link is missing after all is skipped, as the Cypher's MATCH would skip it.
     */
    List<PreparedRow> createNew(List<PreparedRow> rows) {
        for (int attempt = 1; ; attempt++) {
            try (Transaction tx = database.beginTx()) {
                var stored = write(tx, rows);
                tx.commit();
                return stored;
            } catch (TransientFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static List<PreparedRow> write(Transaction tx, List<PreparedRow> rows) {
        // Cypher's datetime() is the statement's time in UTC: the same for the whole batch.
        var loadedAt = ZonedDateTime.now(ZoneOffset.UTC);
        var linked = new HashMap<NodeLabel, Map<String, Node>>();
        var ends = new Node[REQUIRED.size()];
        var stored = new ArrayList<PreparedRow>();
        for (PreparedRow row : rows) {
            if (tx.findNode(DECLARATION, NodeLabel.DECLARATION.key(), row.key()) != null) {
                stored.add(row);
                continue;
            }
            var props = row.props();
            boolean complete = true;
            for (int i = 0; i < ends.length && complete; i++) {
                ends[i] = find(tx, linked, REQUIRED.get(i), props);
                complete = ends[i] != null;
            }
            if (!complete) {
                continue;
            }
            Node declarant = find(tx, linked, DECLARANT, props);
            Node declaration = tx.createNode(DECLARATION, UNSCORED);
            props.forEach((name, value) -> {
                if (value != null) {
                    declaration.setProperty(name, value);
                }
            });
            declaration.setProperty(NodeLabel.DECLARATION.key(), row.key());
            declaration.setProperty("loadedAt", loadedAt);
            for (int i = 0; i < ends.length; i++) {
                declaration.createRelationshipTo(ends[i], REQUIRED.get(i).type());
            }
            if (declarant != null) {
                declaration.createRelationshipTo(declarant, DECLARANT.type());
            }
        }
        return stored;
    }

    private static Node find(
            Transaction tx, Map<NodeLabel, Map<String, Node>> linked, Link link, Map<String, Object> props) {
        var key = (String) props.get(link.property());
        if (key == null) {
            return null;
        }
        return linked.computeIfAbsent(link.label(), l -> new HashMap<>())
                .computeIfAbsent(
                        key, k -> tx.findNode(label(link.label()), link.label().key(), k));
    }

    private static Label label(NodeLabel label) {
        return Label.label(label.cypher());
    }
}
