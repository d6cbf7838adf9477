package customs.risk.ingest;

import customs.risk.graph.NodeLabel;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.collections.api.factory.primitive.IntObjectMaps;
import org.eclipse.collections.api.factory.primitive.IntSets;
import org.eclipse.collections.api.set.primitive.IntSet;
import org.neo4j.exceptions.KernelException;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.TransientFailureException;
import org.neo4j.internal.kernel.api.TokenWrite;
import org.neo4j.internal.kernel.api.Write;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.api.exceptions.schema.UniquePropertyValueValidationException;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.values.storable.Value;
import org.neo4j.values.storable.Values;

/**
 * Creates new declarations through the embedded store's kernel: the same nodes, labels, properties
 * and links as the Cypher that {@link GraphWriter} sends over Bolt to an external server, without
 * packing each row for Bolt and interpreting Cypher. A batch's nodes and their links are written in
 * two transactions, so that a load can write the links of one batch on one core while it writes the
 * nodes of the next on the other. (Each commit keeps one core busy; two transactions that both link
 * to the same offices, codes and countries were measured no faster than one.) A load that stops
 * between the two leaves that batch's declarations without links until the bundle is loaded again,
 * which replaces their links as for any declaration already stored.
 */
final class InProcessDeclarations {

    private static final int ATTEMPTS = 3;
    private static final long NONE = -1;
    private static final Label PLACEHOLDER = Label.label("Placeholder");

    /** A link of a new declaration: its type, the property naming the other end, and that end's label. */
    private record Link(String type, String property, NodeLabel label) {}

    private static final List<Link> REQUIRED = List.of(
            new Link("SOLD_BY", "sellerId", NodeLabel.COMPANY),
            new Link("BOUGHT_BY", "buyerId", NodeLabel.COMPANY),
            new Link("LODGED_AT", "officeCode", NodeLabel.OFFICE),
            new Link("CLASSIFIED_AS", "hsCode", NodeLabel.HS_CODE),
            new Link("ORIGINATES_IN", "originCountry", NodeLabel.COUNTRY));
    private static final Link DECLARANT = new Link("DECLARED_BY", "declarantId", NodeLabel.COMPANY);

    /**
     * A batch after {@link #createNew}: the rows whose declaration was already stored (for the caller
     * to replace), and the nodes created for the others, with their rows, for {@link #link}.
     */
    record Created(List<PreparedRow> stored, long[] nodes, List<PreparedRow> created) {}

    private final GraphDatabaseService database;
    private final Map<String, Integer> propertyKeys = new ConcurrentHashMap<>();

    InProcessDeclarations(GraphDatabaseService database) {
        this.database = database;
    }

    /**
     * Creates, in one transaction, the declarations of {@code rows} that are not in the store yet,
     * without their links: {@link #link} writes those. Which are stored already is left to the
     * uniqueness constraint on the id, which looks each one up anyway.
     */
    Created createNew(List<PreparedRow> rows) {
        return retried(tx -> create(tx, rows));
    }

    /**
     * Links the declarations that {@link #createNew} created, in one transaction. The nodes they link
     * to exist (the writer made sure of it before); a declaration whose link is missing after all is
     * deleted, as the Cypher's MATCH would not have created it.
     *
     * @param found the nodes found so far in this load, by label and key, added to here (also from
     *     another thread): companies, offices, codes and countries are never deleted, so each is
     *     looked up once per load
     */
    void link(Created created, Map<NodeLabel, Map<String, Long>> found) {
        retried(tx -> {
            KernelTransaction kernel = ((InternalTransaction) tx).kernelTransaction();
            Write write = kernel.dataWrite();
            TokenWrite tokens = kernel.tokenWrite();
            int[] types = new int[REQUIRED.size() + 1];
            for (int i = 0; i < REQUIRED.size(); i++) {
                types[i] = tokens.relationshipTypeGetOrCreateForName(
                        REQUIRED.get(i).type());
            }
            types[REQUIRED.size()] = tokens.relationshipTypeGetOrCreateForName(DECLARANT.type());
            var ends = new long[REQUIRED.size()];
            long[] nodes = created.nodes();
            for (int row = 0; row < nodes.length; row++) {
                var props = created.created().get(row).props();
                boolean complete = true;
                for (int i = 0; i < ends.length && complete; i++) {
                    ends[i] = find(tx, found, REQUIRED.get(i), props);
                    complete = ends[i] != NONE;
                }
                if (!complete) {
                    write.nodeDelete(nodes[row]);
                    continue;
                }
                for (int i = 0; i < ends.length; i++) {
                    write.relationshipCreate(nodes[row], types[i], ends[i]);
                }
                long declarant = find(tx, found, DECLARANT, props);
                if (declarant != NONE) {
                    write.relationshipCreate(nodes[row], types[ends.length], declarant);
                }
            }
            return null;
        });
    }

    /**
     * Finds which of {@code keys} are stored as {@code label} nodes, and whether each is a placeholder;
     * notes their node numbers in {@code found}.
     */
    Map<String, Boolean> findStored(NodeLabel label, List<String> keys, Map<String, Long> found) {
        var placeholder = new HashMap<String, Boolean>();
        try (Transaction tx = database.beginTx()) {
            for (String key : keys) {
                Node node = tx.findNode(label(label), label.key(), key);
                if (node != null) {
                    found.put(key, node.getId());
                    placeholder.put(key, node.hasLabel(PLACEHOLDER));
                }
            }
        }
        return placeholder;
    }

    private interface Work<T> {
        T run(Transaction tx) throws KernelException;
    }

    private <T> T retried(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Transaction tx = database.beginTx()) {
                T result = work.run(tx);
                tx.commit();
                return result;
            } catch (TransientFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            } catch (KernelException e) {
                throw new IllegalStateException("the graph store refused a declaration: " + e.getMessage(), e);
            }
        }
    }

    private Created create(Transaction tx, List<PreparedRow> rows) throws KernelException {
        KernelTransaction kernel = ((InternalTransaction) tx).kernelTransaction();
        Write write = kernel.dataWrite();
        TokenWrite tokens = kernel.tokenWrite();
        IntSet labels = IntSets.immutable.of(
                tokens.labelGetOrCreateForName(NodeLabel.DECLARATION.cypher()),
                tokens.labelGetOrCreateForName("Unscored"));
        // Cypher's datetime() is the statement's time in UTC: the same for the whole batch.
        Value loadedAt = Values.of(ZonedDateTime.now(ZoneOffset.UTC));
        var stored = new ArrayList<PreparedRow>();
        var created = new ArrayList<PreparedRow>(rows.size());
        long[] nodes = new long[rows.size()];
        for (PreparedRow row : rows) {
            var props = row.props();
            var values = IntObjectMaps.mutable.<Value>withInitialCapacity(props.size() + 2);
            for (var property : props.entrySet()) {
                if (property.getValue() != null) {
                    values.put(propertyKey(tokens, property.getKey()), Values.of(property.getValue()));
                }
            }
            values.put(propertyKey(tokens, NodeLabel.DECLARATION.key()), Values.stringValue(row.key()));
            values.put(propertyKey(tokens, "loadedAt"), loadedAt);
            long declaration = write.nodeCreate();
            try {
                write.nodeApplyChanges(declaration, labels, IntSets.immutable.empty(), values);
            } catch (UniquePropertyValueValidationException alreadyStored) {
                // Checked before anything of the row was applied: only the empty node is left to undo.
                write.nodeDelete(declaration);
                stored.add(row);
                continue;
            }
            nodes[created.size()] = declaration;
            created.add(row);
        }
        return new Created(stored, Arrays.copyOf(nodes, created.size()), created);
    }

    private int propertyKey(TokenWrite tokens, String name) throws KernelException {
        Integer key = propertyKeys.get(name);
        if (key == null) {
            key = tokens.propertyKeyGetOrCreateForName(name);
            propertyKeys.put(name, key);
        }
        return key;
    }

    private static long find(
            Transaction tx, Map<NodeLabel, Map<String, Long>> found, Link link, Map<String, Object> props) {
        var key = (String) props.get(link.property());
        if (key == null) {
            return NONE;
        }
        var ofLabel = found.computeIfAbsent(link.label(), l -> new ConcurrentHashMap<>());
        Long id = ofLabel.get(key);
        if (id == null) {
            Node node = tx.findNode(label(link.label()), link.label().key(), key);
            if (node == null) {
                return NONE;
            }
            id = node.getId();
            ofLabel.put(key, id);
        }
        return id;
    }

    private static Label label(NodeLabel label) {
        return Label.label(label.cypher());
    }
}
