package customs.risk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.app.RiskApplication;
import customs.risk.engine.RiskService;
import customs.risk.engine.resolution.MatchStatus;
import customs.risk.engine.resolution.ResolutionService;
import customs.risk.graph.TestFolders;
import customs.risk.ingest.BundleIngester;
import customs.risk.ingest.IngestListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The review queue of entity resolution in headless Chromium on the demo bundle and three pairs of
 * sister companies at one address: an investigator
 * accepts one pair (the two records become one party, shown on the entity page), rejects the next,
 * and undoes that rejection from the notice; every decision is kept with who made it.
 * Screenshots land in {@code target/screenshots}.
 */
@SpringBootTest(classes = RiskApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.test.context.ActiveProfiles("demo")
class ResolutionBrowserIT {

    private static final String DEMO_PASSWORD = "customs-demo";

    private static Path dataDir;
    private static Browser browser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        dataDir = TestFolders.temporary("resolution-browser-it");
        registry.add("risk.data-dir", dataDir::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    BundleIngester ingester;

    @Autowired
    RiskService risk;

    @Autowired
    ResolutionService resolution;

    @Test
    void anInvestigatorAcceptsRejectsAndUndoes() throws Exception {
        ingester.ingest(Path.of("../fixtures/sample/bundle"), dataDir.resolve("sample.csv"), IngestListener.NONE);
        // Sister companies at one address: alike enough that a person has to decide.
        ingester.ingest(
                Path.of(ResolutionBrowserIT.class
                        .getResource("/resolution/review-bundle")
                        .toURI()),
                dataDir.resolve("review.csv"),
                IngestListener.NONE);
        resolution.resolveAll();
        risk.train();
        var queued = resolution.queue(MatchStatus.PENDING, 0, 10);
        assertThat(queued)
                .as("the demo bundle leaves pairs for a person to decide")
                .hasSizeGreaterThanOrEqualTo(2);
        browser = new Browser(port);
        browser.login("investigator", DEMO_PASSWORD);
        browser.open("/resolution");
        browser.until(d -> d.findElements(By.cssSelector("#resolution-fields [data-verdict]"))
                        .isEmpty()
                ? null
                : true);
        assertThat(browser.byId("resolution-counts").getText()).contains("to review");
        assertThat(browser.all(By.cssSelector("#resolution-fields [data-field='name']")))
                .isNotEmpty();
        browser.screenshot("resolution-queue");

        var first = shownPair();
        browser.click("resolution-accept");
        browser.until(d -> d.findElements(By.id("resolution-notice")).isEmpty() ? null : true);
        var accepted = resolution.review(first.get(0), first.get(1)).orElseThrow();
        assertThat(accepted.status()).isEqualTo(MatchStatus.ACCEPTED);
        assertThat(accepted.decidedBy()).isEqualTo("investigator");
        assertThat(resolution.partyOf(first.get(0)).orElseThrow().records())
                .extracting(r -> r.id())
                .contains(first.get(0), first.get(1));

        browser.until(d -> shownPair().equals(first) ? null : true);
        var second = shownPair();
        browser.click("resolution-reject");
        browser.until(d ->
                resolution.review(second.get(0), second.get(1)).orElseThrow().status() == MatchStatus.REJECTED
                        ? true
                        : null);
        // The view has taken the decision in when it counts it; then the notice offers to undo it.
        browser.until(d -> browser.byId("resolution-counts").getText().contains("1 rejected") ? true : null);
        browser.screenshot("resolution-rejected");
        browser.click("resolution-notice-undo");
        var undone = browser.until(d -> {
            var r = resolution.review(second.get(0), second.get(1)).orElseThrow();
            return r.status() == MatchStatus.REJECTED ? null : r;
        });
        assertThat(undone.status()).isIn(MatchStatus.PENDING, MatchStatus.AUTO);
        assertThat(undone.history()).hasSize(2);
        assertThat(undone.history().get(0)).endsWith("|investigator|REJECTED");
        assertThat(undone.history().get(1)).endsWith("|investigator|PENDING");

        // The accepted pair is one firm on its entity page.
        browser.open("/entity/Company/" + first.get(1));
        assertThat(browser.byId("entity-party").getText()).contains(first.get(0), first.get(1));
        browser.screenshot("resolution-entity-party");
    }

    /** The ids of the two records the pair panel shows. */
    private static List<String> shownPair() {
        return browser.all(By.cssSelector("#resolution-fields > a")).stream()
                .map(a -> a.getText().strip())
                .toList();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
