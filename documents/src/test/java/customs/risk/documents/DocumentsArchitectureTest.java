package customs.risk.documents;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The documents module is a plain library the application wires up: no Spring, no Vaadin, no
 * other project module. Only {@code engine} touches Elasticsearch's server internals; search and
 * outbox speak to Elasticsearch through the client, so they work against an external cluster too.
 */
class DocumentsArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("customs.risk.documents");
    }

    @Test
    void isFreeOfSpringVaadinAndOtherModules() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "org.springframework..", "com.vaadin..", "jakarta.servlet..",
                "customs.risk.graph..", "customs.risk.ingest..", "customs.risk.engine..", "customs.risk.app..")
            .check(classes);
    }

    @Test
    void onlyTheEngineUsesElasticsearchServerClasses() {
        noClasses().that().resideOutsideOfPackage("customs.risk.documents.engine..")
            .should().dependOnClassesThat().resideInAPackage("org.elasticsearch..")
            .check(classes);
    }
}
