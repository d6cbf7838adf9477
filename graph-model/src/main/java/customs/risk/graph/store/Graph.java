package customs.risk.graph.store;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.TransactionContext;

/**
 * How code runs Cypher: parameterised statements in managed transactions over the driver, which
 * retries them on transient failures; a session per unit of work, never held.
 */
public final class Graph {

    private final Driver driver;

    public Graph(Driver driver) {
        this.driver = driver;
    }

    /** Runs {@code work} in one read transaction and returns what it returns. */
    public <T> T read(TransactionCallback<T> work) {
        try (var session = driver.session()) {
            return session.executeRead(work);
        }
    }

    /** Runs {@code work} in one write transaction and returns what it returns. */
    public <T> T write(TransactionCallback<T> work) {
        try (var session = driver.session()) {
            return session.executeWrite(work);
        }
    }

    /** Runs {@code work} in one write transaction. */
    public void update(Consumer<TransactionContext> work) {
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(work);
        }
    }

    /** The rows of one read statement. */
    public List<Record> query(String cypher, Map<String, Object> parameters) {
        return read(tx -> tx.run(cypher, parameters).list());
    }

    /** The rows of one read statement, each mapped by {@code row}. */
    public <T> List<T> query(String cypher, Map<String, Object> parameters, Function<Record, T> row) {
        return read(tx -> tx.run(cypher, parameters).list(row::apply));
    }

    /**
     * Streams the rows of one read statement to {@code row}, for reads of the whole graph that are
     * too large to hold as a list. It runs as one auto-commit statement, never retried: a retry
     * would hand rows to {@code row} twice.
     */
    public void stream(String cypher, Map<String, Object> parameters, Consumer<Record> row) {
        try (var session = driver.session()) {
            session.run(cypher, parameters).forEachRemaining(row);
        }
    }
}
