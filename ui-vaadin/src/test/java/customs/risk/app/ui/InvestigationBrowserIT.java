package customs.risk.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.app.documents.DocumentService;
import customs.risk.app.risk.RiskService;
import customs.risk.ingest.BundleIngester;
import customs.risk.ingest.IngestListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The investigator's walk through the UI in headless Chromium, on the demo bundle scored by a
 * trained model: filter the ranking, open an entity, expand its network, search globally.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InvestigationBrowserIT {

    private static Path dataDir;
    private static boolean loaded;
    private static Browser browser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        dataDir = Files.createTempDirectory("browser-it");
        registry.add("risk.data-dir", dataDir::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    BundleIngester ingester;

    @Autowired
    RiskService risk;

    @Autowired
    DocumentService documents;

    @BeforeEach
    void demoData() throws Exception {
        if (!loaded) {
            ingester.ingest(Path.of("../fixtures/sample/bundle"), dataDir.resolve("sample.csv"), IngestListener.NONE);
            risk.train();
            documents.indexNew();
            loaded = true;
        }
        if (browser == null) {
            browser = new Browser(port);
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theRankingFiltersAndLeadsToAnEntityPage() {
        browser.open("/ranking");
        browser.byId("ranking-grid");
        String first = browser.until(d -> d.findElements(By.cssSelector("#ranking-grid a")).stream()
                .map(a -> a.getText()).filter(t -> !t.isBlank()).findFirst().orElse(null));
        browser.screenshot("ranking-entities");

        browser.click("tab-declarations");
        browser.type("filter-min-score", "0.7");
        browser.until(d -> !d.findElements(By.cssSelector("#ranking-grid a")).isEmpty());
        assertThat(browser.byId("expected-hits").getText()).contains("riskiest declarations");
        browser.screenshot("ranking-declarations-filtered");

        browser.open("/entity/Company/" + first);
        assertThat(browser.byId("entity-title").getText()).isNotBlank();
        assertThat(browser.byId("entity-reasons").getText()).isNotBlank();
        browser.byId("entity-declarations");
        browser.screenshot("entity-company");
    }

    @Test
    void theNetworkExpandsANodeAPageAtATime() {
        var top = risk.top(customs.risk.engine.ranking.RiskStore.Kind.ENTITIES, 1).getFirst();
        browser.open("/network?focus=Company:" + top.id());
        browser.byId("selected-node");
        browser.until(d -> ((Long) browser.script("const g = document.getElementById('network-graph');"
                + " return g && g.cy ? g.cy.nodes().length : 0;")) == 1L);
        var expand = browser.until(d -> d.findElements(By.cssSelector("#network-details vaadin-button[id^='expand-']"))
                .stream().findFirst().orElse(null));
        expand.click();
        long drawn = browser.until(d -> {
            long n = (Long) browser.script("return document.getElementById('network-graph').cy.nodes().length;");
            return n > 1 ? n : null;
        });
        assertThat(drawn).isBetween(2L, 1L + 50);
        browser.screenshot("network-expanded");
    }

    @Test
    void theGlobalSearchFindsEntitiesAndDocuments() {
        browser.open("/");
        browser.type("global-search", "COMMERCIAL INVOICE");
        browser.byId("global-search").findElement(By.cssSelector("input")).sendKeys(org.openqa.selenium.Keys.ENTER);
        browser.until(d -> browser.path().startsWith("/search") ? true : null);
        assertThat(browser.byId("search-documents").getText()).contains("INVOICE");
        browser.screenshot("global-search");
    }
}
