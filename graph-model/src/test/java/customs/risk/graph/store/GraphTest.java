package customs.risk.graph.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import customs.risk.graph.TestNeo4j;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GraphTest {

    private final Graph graph = new Graph(TestNeo4j.driver());

    @BeforeEach
    void emptyGraph() {
        TestNeo4j.clear();
    }

    @Test
    void writesAreReadBackAndAFailedUnitOfWorkLeavesNothing() {
        graph.update(tx -> tx.run("CREATE (:Company {id: $id, name: $name})", Map.of("id", "C1", "name", "Acme"))
                .consume());
        assertThatThrownBy(() -> graph.update(tx -> {
                    tx.run("CREATE (:Company {id: 'C2'})").consume();
                    throw new IllegalStateException("refused half-way");
                }))
                .hasMessage("refused half-way");

        assertThat(graph.query(
                        "MATCH (c:Company) RETURN c.id AS id ORDER BY id",
                        Map.of(),
                        r -> r.get("id").asString()))
                .containsExactly("C1");
        String name = graph.read(tx -> tx.run("MATCH (c:Company {id: 'C1'}) RETURN c.name AS name")
                .single()
                .get("name")
                .asString());
        assertThat(name).isEqualTo("Acme");
    }
}
