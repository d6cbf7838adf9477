package customs.risk.documents;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Extraction, search and the outbox are a plain library: no Spring, no other project module.
 * {@code filing} keeps filed documents in the graph and the file store, and tells the application
 * through Spring events; nothing here knows the web or Vaadin. Only {@code engine} touches
 * Elasticsearch's server internals; search and outbox speak to Elasticsearch through the client,
 * so they work against an external cluster too.
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
    void extractionSearchAndOutboxAreFreeOfSpringAndOtherModules() {
        noClasses()
                .that()
                .resideOutsideOfPackage("customs.risk.documents.filing..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "customs.risk.graph..")
                .check(classes);
    }

    @Test
    void knowsNoWebNoViewsAndNoModuleButTheGraphModel() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.web..",
                        "com.vaadin..",
                        "jakarta.servlet..",
                        "customs.risk.ingest..",
                        "customs.risk.engine..",
                        "customs.risk.cases..",
                        "customs.risk.ui..",
                        "customs.risk.app..")
                .check(classes);
    }

    @Test
    void onlyTheEngineUsesElasticsearchServerClasses() {
        noClasses()
                .that()
                .resideOutsideOfPackage("customs.risk.documents.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.elasticsearch..")
                .check(classes);
    }
}
