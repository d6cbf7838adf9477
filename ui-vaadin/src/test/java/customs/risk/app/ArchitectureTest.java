package customs.risk.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Module dependencies point one way: ui-vaadin -> risk-engine -> graph-model and
 * ui-vaadin -> ingest -> graph-model. The analysis and the data environment stay free of the web.
 * Inside the application, features (cases, documents, security ...) form no cycles, and only the
 * views and the command line, which sit on top, may use the views.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("customs.risk");
    }

    @Test
    void theGraphModelDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("customs.risk.graph..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "customs.risk.ingest..", "customs.risk.engine..", "customs.risk.app..", "customs.risk.fixtures..")
                .check(classes);
    }

    @Test
    void ingestKnowsOnlyTheGraphModel() {
        noClasses().that().resideInAPackage("customs.risk.ingest..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "customs.risk.engine..", "customs.risk.app..", "customs.risk.fixtures..")
                .check(classes);
    }

    @Test
    void theRiskEngineKnowsOnlyTheGraphModel() {
        noClasses().that().resideInAPackage("customs.risk.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "customs.risk.ingest..", "customs.risk.app..", "customs.risk.fixtures..")
                .check(classes);
    }

    @Test
    void noModuleBelowTheApplicationUsesSpringWebOrVaadin() {
        noClasses().that().resideInAnyPackage("customs.risk.graph..", "customs.risk.ingest..", "customs.risk.engine..",
                        "customs.risk.fixtures..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.vaadin..", "org.springframework.web..", "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void theApplicationsFeaturesFormNoCycles() {
        slices().matching("customs.risk.app.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyTheViewsUseTheViews() {
        noClasses().that().resideInAPackage("customs.risk.app..")
                .and().resideOutsideOfPackages("customs.risk.app.ui..")
                .should().dependOnClassesThat().resideInAPackage("customs.risk.app.ui..")
                .check(classes);
    }
}
