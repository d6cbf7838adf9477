package customs.risk.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Modules depend one way: app -> ui-vaadin -> cases -> {risk-engine, documents} -> graph-model, and
 * ui-vaadin -> {ingest, survey} -> graph-model. Nothing below the application knows the web; nothing
 * but the application knows the views; inside the application and the views, features form no cycles.
 * The rules read the compiled classes of every module, so a wrong import fails the build even when
 * the poms would allow it.
 */
class ArchitectureTest {

    private static final String GRAPH = "customs.risk.graph..";
    private static final String DOCUMENTS = "customs.risk.documents..";
    private static final String INGEST = "customs.risk.ingest..";
    private static final String ENGINE = "customs.risk.engine..";
    private static final String SURVEY = "customs.risk.survey..";
    private static final String CASES = "customs.risk.cases..";
    private static final String FIXTURES = "customs.risk.fixtures..";
    private static final String VIEWS = "customs.risk.ui..";
    private static final String APPLICATION = "customs.risk.app..";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("customs.risk");
    }

    @Test
    void theGraphModelDependsOnNoOtherModule() {
        noClasses()
                .that()
                .resideInAPackage(GRAPH)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(DOCUMENTS, INGEST, ENGINE, SURVEY, CASES, FIXTURES, VIEWS, APPLICATION)
                .check(classes);
    }

    @Test
    void collectionAnalysisDocumentsAndTheSurveyKnowOnlyTheGraphModel() {
        for (var module : new String[] {INGEST, ENGINE, DOCUMENTS, SURVEY}) {
            noClasses()
                    .that()
                    .resideInAPackage(module)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(java.util.stream.Stream.of(
                                    DOCUMENTS, INGEST, ENGINE, SURVEY, CASES, FIXTURES, VIEWS, APPLICATION)
                            .filter(other -> !other.equals(module))
                            .toArray(String[]::new))
                    .check(classes);
        }
    }

    @Test
    void casesKnowTheStoresAndTheAnalysisButNotCollectionViewsOrTheApplication() {
        noClasses()
                .that()
                .resideInAPackage(CASES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(INGEST, SURVEY, FIXTURES, VIEWS, APPLICATION)
                .check(classes);
    }

    @Test
    void theViewsDoNotKnowTheApplication() {
        noClasses()
                .that()
                .resideInAPackage(VIEWS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(APPLICATION, FIXTURES)
                .check(classes);
    }

    @Test
    void nothingBelowTheApplicationAndTheViewsUsesSpringWebOrVaadin() {
        noClasses()
                .that()
                .resideInAnyPackage(GRAPH, DOCUMENTS, INGEST, ENGINE, SURVEY, CASES, FIXTURES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.vaadin..", "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void theApplicationsFeaturesFormNoCycles() {
        slices().matching("customs.risk.app.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theViewsFeaturesFormNoCycles() {
        slices().matching("customs.risk.ui.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theCaseFeaturesFormNoCycles() {
        slices().matching("customs.risk.cases.(*)..").should().beFreeOfCycles().check(classes);
    }
}
