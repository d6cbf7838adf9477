package customs.risk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.app.RiskApplication;
import customs.risk.app.TestStores;
import customs.risk.app.security.TestAdmin;
import customs.risk.cases.team.UserAccounts;
import customs.risk.graph.access.Role;
import customs.risk.survey.service.SurveyModel;
import customs.risk.survey.service.SurveyService;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An inspector answers a survey in headless Chromium; the administrator then reads its statistics page. */
@SpringBootTest(classes = RiskApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SurveyBrowserIT {

    private static final String PASSWORD = "a-survey-browser-password";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestStores.withoutSearch(registry, "survey-browser-it");
    }

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    SurveyService surveys;

    @Test
    void anInspectorAnswersInTheBrowserAndTheAdministratorSeesTheStatistics() {
        for (String name : List.of("sb-inspector", "sb-1", "sb-2", "sb-3")) {
            accounts.create(name, PASSWORD, Set.of(Role.INSPECTOR), null);
        }
        var survey = surveys.create(
                TestAdmin.USERNAME, SurveyModel.Draft.parse("Pilot acceptance", Set.of(Role.INSPECTOR), """
                        Analysis: The scores point me to the right consignments
                        Analysis: The reasons shown make sense to me
                        Dissemination: Results reach me in time
                        """));
        surveys.open(survey.id());
        surveys.answer("sb-1", survey.id(), Map.of("Q1", 8, "Q2", 7, "Q3", 6));
        surveys.answer("sb-2", survey.id(), Map.of("Q1", 4, "Q2", 5, "Q3", 3));
        surveys.answer("sb-3", survey.id(), Map.of("Q1", 6, "Q2", 6, "Q3", 7));

        try (var browser = new Browser(port)) {
            browser.login("sb-inspector", PASSWORD);
            browser.open("/surveys");
            browser.click("answer-" + survey.id());
            browser.byId("rating-Q1");
            browser.click("survey-submit");
            assertThat(browser.all(By.id("survey-answered")))
                    .as("nothing rated yet")
                    .isEmpty();
            for (var rating : Map.of("Q1", "9", "Q2", "8", "Q3", "7").entrySet()) {
                var option = browser.until(d ->
                        browser
                                .byId("rating-" + rating.getKey())
                                .findElements(By.cssSelector("vaadin-radio-button"))
                                .stream()
                                .filter(b -> b.getText().strip().equals(rating.getValue()))
                                .findFirst()
                                .orElse(null));
                browser.script("arguments[0].scrollIntoView({block: 'center'});", option);
                option.click();
            }
            browser.screenshot("survey-answering");
            browser.click("survey-submit");
            assertThat(browser.byId("survey-answered").getText()).contains("You answered this survey");
            browser.open("/surveys/" + survey.id());
            assertThat(browser.byId("survey-answered").getText())
                    .as("answered once")
                    .contains("You answered");
            assertThat(browser.all(By.id("nav-admin-surveys"))).isEmpty();

            browser.login(TestAdmin.USERNAME, TestAdmin.PASSWORD);
            browser.open("/admin/surveys");
            browser.click("statistics-" + survey.id());
            assertThat(browser.byId("stat-n").getText()).startsWith("4 answers");
            assertThat(browser.byId("stat-alpha").getText()).contains("Cronbach's alpha", "95% CI");
            assertThat(browser.byId("stat-kmo").getText()).contains("KMO");
            assertThat(browser.byId("statement-stats").getText()).contains("The reasons shown make sense to me");
            assertThat(browser.byId("construct-stats").getText()).contains("Analysis", "Dissemination");
            assertThat(browser.fetchStatus("/download/surveys/" + survey.id() + "/results.xlsx"))
                    .isEqualTo(200);
            browser.screenshot("survey-statistics");
        }
        assertThat(surveys.answers(survey.id()))
                .filteredOn(a -> a.respondent().equals("sb-inspector"))
                .singleElement()
                .satisfies(a -> assertThat(a.ratings()).containsExactly(9, 8, 7));
    }
}
