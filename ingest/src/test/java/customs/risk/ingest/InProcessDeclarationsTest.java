package customs.risk.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.graph.TestNeo4j;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Declarations written in two steps: the nodes, then their links, from another thread in a load. */
class InProcessDeclarationsTest {

    private final InProcessDeclarations declarations = new InProcessDeclarations(TestNeo4j.database());

    @BeforeEach
    void twoCompaniesAnOfficeACodeAndACountry() {
        TestNeo4j.clear();
        try (var session = TestNeo4j.driver().session()) {
            session.run("""
                    CREATE (:Company {id: 'S'}), (:Company {id: 'B'}), (:Office {code: 'KRPUS'}),
                           (:HsCode {code: '940360'}), (:Country {code: 'VN'}),
                           (:Declaration {id: 'OLD', declaredValue: 1.0})
                    """).consume();
        }
    }

    @Test
    void declarationsAlreadyStoredAreLeftAsTheyAreForTheCallerToReplace() {
        var created = declarations.createNew(List.of(row("NEW", "KRPUS"), row("OLD", "KRPUS")));
        declarations.link(created, new HashMap<>());

        assertThat(created.stored()).extracting(PreparedRow::key).containsExactly("OLD");
        assertThat(TestNeo4j.count("MATCH (n) RETURN count(n)"))
                .as("six nodes and NEW")
                .isEqualTo(7);
        assertThat(TestNeo4j.count("MATCH (d:Declaration {id: 'OLD', declaredValue: 1.0}) RETURN count(d)"))
                .isEqualTo(1);
        assertThat(TestNeo4j.count("MATCH (d:Declaration {id: 'OLD'})--() RETURN count(*)"))
                .isZero();
        assertThat(TestNeo4j.count("""
                        MATCH (d:Declaration:Unscored {id: 'NEW', declaredValue: 800.0})
                        MATCH (d)-[:SOLD_BY]->(:Company {id: 'S'}), (d)-[:BOUGHT_BY]->(:Company {id: 'B'}),
                              (d)-[:LODGED_AT]->(:Office {code: 'KRPUS'}), (d)-[:CLASSIFIED_AS]->(:HsCode),
                              (d)-[:ORIGINATES_IN]->(:Country {code: 'VN'})
                        RETURN count(d)""")).isEqualTo(1);
    }

    @Test
    void aDeclarationWhoseLinkIsGoneWhenItIsLinkedIsNotKept() {
        var created = declarations.createNew(List.of(row("D1", "KRPUS"), row("D2", "NOWHERE")));
        declarations.link(created, new HashMap<>());

        assertThat(TestNeo4j.count("MATCH (d:Declaration {id: 'D1'})-->() RETURN count(*)"))
                .isEqualTo(5);
        assertThat(TestNeo4j.count("MATCH (d:Declaration {id: 'D2'}) RETURN count(d)"))
                .isZero();
        assertThat(TestNeo4j.count("MATCH (n) RETURN count(n)"))
                .as("six nodes and D1")
                .isEqualTo(7);
    }

    private static PreparedRow row(String id, String office) {
        var props = new HashMap<String, Object>(Map.of(
                "sellerId", "S",
                "buyerId", "B",
                "officeCode", office,
                "hsCode", "940360",
                "originCountry", "VN",
                "filedOn", LocalDate.of(2024, 3, 1),
                "declaredValue", 800.0));
        props.put("declarantId", null);
        return new PreparedRow(1, id, props);
    }
}
