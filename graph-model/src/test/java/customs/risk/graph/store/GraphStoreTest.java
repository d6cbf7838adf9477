package customs.risk.graph.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import customs.risk.graph.TestNeo4j;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphStoreTest {

    @Test
    void schemaAppliesTwiceWithoutChange() {
        var driver = TestNeo4j.driver();
        long before = TestNeo4j.count("SHOW CONSTRAINTS YIELD name RETURN count(name)");

        GraphSchema.apply(driver);

        assertThat(TestNeo4j.count("SHOW CONSTRAINTS YIELD name RETURN count(name)"))
                .isEqualTo(before)
                .isEqualTo(GraphSchema.statements().stream()
                        .filter(s -> s.startsWith("CREATE CONSTRAINT"))
                        .count());
    }

    @Test
    void aStoreFromBeforeTheUnscoredLabelHasItsUnscoredDeclarationsLabelledOnce() {
        TestNeo4j.clear();
        try (var session = TestNeo4j.driver().session()) {
            session.run("CREATE (:Declaration {id: 'NEW'}), (:Declaration {id: 'SCORED', riskScore: 0.3})")
                    .consume();
        }

        GraphSchema.apply(TestNeo4j.driver());

        assertThat(TestNeo4j.count("MATCH (d:Unscored {id: 'NEW'}) RETURN count(d)"))
                .isOne();
        assertThat(TestNeo4j.count("MATCH (d:Unscored) RETURN count(d)")).isOne();
        // Done once: the next start reads no declaration for it.
        try (var session = TestNeo4j.driver().session()) {
            session.run("MATCH (d:Unscored) REMOVE d:Unscored").consume();
        }
        GraphSchema.apply(TestNeo4j.driver());
        assertThat(TestNeo4j.count("MATCH (d:Unscored) RETURN count(d)")).isZero();
    }

    @Test
    void businessKeysAreUnique() {
        TestNeo4j.clear();
        try (var session = TestNeo4j.driver().session()) {
            session.run("CREATE (:Company {id: 'C1'})").consume();
            assertThatThrownBy(() -> session.run("CREATE (:Company {id: 'C1'})").consume())
                    .hasMessageContaining("already exists");
        }
    }

    @Test
    void countsStartAtZeroOnAnEmptyGraph() {
        TestNeo4j.clear();
        var counts = GraphCounts.read(TestNeo4j.driver());
        assertThat(counts.asMap())
                .containsOnlyKeys(
                        "companies", "people", "declarations", "offices", "inspections", "documents", "placeholders")
                .allSatisfy((k, v) -> assertThat(v).isZero());
    }

    @Test
    void aSecondProcessOnTheSameStoreGetsAClearError(@TempDir Path home) {
        try (var first = EmbeddedNeo4j.start(home, 0)) {
            assertThat(first.boltUri().getHost()).isEqualTo("127.0.0.1");
            assertThatThrownBy(() -> EmbeddedNeo4j.start(home, 0))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("in use by another process");
        }
    }
}
