package customs.risk.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.util.Version;
import org.junit.jupiter.api.Test;

/**
 * Elasticsearch and Neo4j share one JVM and so one Lucene. Neo4j 2025.10.1 registers a codec
 * built on Lucene 10.3 ({@code Lucene103}); Elasticsearch 9.2.2 is built on Lucene 10.3.2. Any
 * other Lucene breaks one of them at run time (ES 9.5 brings 10.5.1 and breaks every Lucene index
 * in the JVM). Upgrade Elasticsearch and Neo4j together, then change {@code lucene.version}.
 */
class LuceneVersionTest {

    @Test
    void luceneIsTheVersionBothElasticsearchAndNeo4jNeed() {
        assertThat(Version.LATEST.toString())
                .as(
                        "Lucene on the class path must stay 10.3.2 while Neo4j 2025.10.1 and Elasticsearch 9.2.2 share the JVM"
                                + " (see lucene.version in the parent pom and docs/STACK.md)")
                .isEqualTo("10.3.2");
        assertThat(Codec.availableCodecs())
                .as("Neo4j's index codec extends Lucene103Codec")
                .contains("Lucene103");
    }
}
