package customs.risk.graph.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * Applies {@code cypher/schema.cypher} (constraints and indexes). Every statement there is
 * {@code IF NOT EXISTS}, so applying it at each start-up is safe and cheap.
 */
public final class GraphSchema {

    private static final String SCHEMA_RESOURCE = "/cypher/schema.cypher";

    private GraphSchema() {}

    public static void apply(Driver driver) {
        try (var session = driver.session()) {
            for (String statement : statements()) {
                session.run(statement).consume();
            }
            session.run("CALL db.awaitIndexes(300)").consume();
            labelUnscoredOnce(session);
        }
    }

    /**
     * Declarations carry the label {@code Unscored} until the risk engine scores them, so that it finds
     * the new ones without reading every declaration. A store written before that label gets it once:
     * the {@code SchemaStep} node remembers it was done; a store with labelled declarations needs none.
     */
    private static void labelUnscoredOnce(Session session) {
        var state = session.run("OPTIONAL MATCH (s:SchemaStep {name: 'unscored-label'})"
                        + " RETURN s IS NOT NULL AS recorded, EXISTS { (:Unscored) } AS labelled LIMIT 1")
                .single();
        if (state.get("recorded").asBoolean()) {
            return;
        }
        if (!state.get("labelled").asBoolean()) {
            session.run("""
                    MATCH (d:Declaration) WHERE d.riskScore IS NULL
                    CALL (d) { SET d:Unscored } IN TRANSACTIONS OF 10000 ROWS
                    """).consume();
        }
        session.run("MERGE (:SchemaStep {name: 'unscored-label'})").consume();
    }

    static List<String> statements() {
        String text;
        try (InputStream in = GraphSchema.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the classpath");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var statements = new ArrayList<String>();
        var current = new StringBuilder();
        for (String line : text.split("\n")) {
            var trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("//")) {
                continue;
            }
            current.append(trimmed).append(' ');
            if (trimmed.endsWith(";")) {
                statements.add(current.substring(0, current.lastIndexOf(";")).strip());
                current.setLength(0);
            }
        }
        return statements;
    }
}
