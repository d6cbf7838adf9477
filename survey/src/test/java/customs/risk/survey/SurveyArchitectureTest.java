package customs.risk.survey;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The statistics and answer files are a plain library: the command line runs them without Spring,
 * the graph or the web. Only {@code service}, which keeps surveys and answers in the graph, uses the
 * graph model.
 */
class SurveyArchitectureTest {

    @Test
    void theStatisticsKnowNoFrameworkAndNoOtherModule() {
        noClasses()
                .that()
                .resideInAPackage("customs.risk.survey..")
                .and()
                .resideOutsideOfPackage("customs.risk.survey.service..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "com.vaadin..",
                        "org.neo4j..",
                        "customs.risk.app..",
                        "customs.risk.graph..",
                        "customs.risk.engine..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("customs.risk.survey"));
    }

    @Test
    void theServiceKnowsNoWebAndNoViews() {
        noClasses()
                .that()
                .resideInAPackage("customs.risk.survey..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.web..",
                        "com.vaadin..",
                        "jakarta.servlet..",
                        "customs.risk.app..",
                        "customs.risk.ui..",
                        "customs.risk.cases..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("customs.risk.survey"));
    }

    @Test
    void statisticsDoNotReadFiles() {
        noClasses()
                .that()
                .resideInAPackage("customs.risk.survey.stats..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("customs.risk.survey.io..", "org.apache.poi..", "org.apache.commons.csv..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("customs.risk.survey"));
    }
}
