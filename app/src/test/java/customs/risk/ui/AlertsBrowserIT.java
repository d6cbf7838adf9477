package customs.risk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.app.RiskApplication;
import customs.risk.ingest.BundleIngester;
import customs.risk.ingest.IngestListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In headless Chromium on the demo bundle: an investigator watches a company from its page; a risk
 * officer uploads a bundle with a new declaration of it over REST; the investigator's bell counts
 * the alert without a reload, and the alert's link opens the declaration. Screenshots land in
 * {@code target/screenshots}.
 */
@SpringBootTest(classes = RiskApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.test.context.ActiveProfiles("demo")
class AlertsBrowserIT {

    private static final String DEMO_PASSWORD = "customs-demo";
    private static final String COMPANY = "476-87-16904";
    private static final String DECLARATION = "ALERT-DEMO-0001:1";

    private static Path dataDir;
    private static Browser browser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        dataDir = Files.createTempDirectory("alerts-browser-it");
        registry.add("risk.data-dir", dataDir::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    BundleIngester ingester;

    @Test
    void anInvestigatorSeesTheAlertOfAWatchedCompanyLiveAndOpensTheDeclaration() throws Exception {
        ingester.ingest(Path.of("../fixtures/sample/bundle"), dataDir.resolve("sample.csv"), IngestListener.NONE);
        browser = new Browser(port);
        browser.login("investigator", DEMO_PASSWORD);
        browser.open("/entity/Company/" + COMPANY);
        browser.click("watch-entity");
        browser.until(d -> browser.byId("watch-entity").getText().startsWith("Watching") ? true : null);
        // No unread alerts: the count beside the bell is not shown (Vaadin leaves it out of the page).
        assertThat(browser.all(By.id("alerts-unread"))).noneMatch(org.openqa.selenium.WebElement::isDisplayed);
        browser.screenshot("alerts-watching");

        assertThat(uploadAsOfficer()).isEqualTo(202);

        // Pushed to the open page: no reload, no navigation.
        browser.until(d -> browser.byId("alerts-unread").getText().equals("1") ? true : null);
        assertThat(browser.path()).isEqualTo("/entity/Company/" + COMPANY);
        browser.screenshot("alerts-bell");

        // Development mode's Copilot panel may lie over the header's corner (production has none).
        browser.script("arguments[0].click();", browser.byId("alerts-bell"));
        browser.until(
                d -> d.findElements(By.cssSelector("#alert-groups .alert-link")).isEmpty() ? null : true);
        var link = browser.all(By.cssSelector("#alert-groups .alert-link")).getFirst();
        assertThat(link.getText()).startsWith("New declaration of ");
        browser.screenshot("alerts-centre");
        link.click();
        browser.until(d -> browser.path().startsWith("/entity/Declaration/") ? true : null);
        browser.until(d -> d.findElements(By.id("entity-title")).isEmpty() ? null : true);
        assertThat(browser.byId("entity-title").getText()).contains(DECLARATION);
        browser.screenshot("alerts-declaration");

        browser.open("/watches");
        browser.until(d -> d.findElements(By.cssSelector("#watches-grid")).isEmpty() ? null : true);
        browser.screenshot("alerts-watches");
    }

    /** A risk officer's upload of one new declaration bought by the watched company. */
    private int uploadAsOfficer() throws IOException, InterruptedException {
        var zip = new ByteArrayOutputStream();
        try (var out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("declarations.csv"));
            out.write(("declaration_id,filed_on,direction,office_code,seller_id,buyer_id,hs_code,description,"
                            + "origin_country,quantity,declared_value\n"
                            + DECLARATION + ",2024-12-02,IMPORT,030,CNXIAMEN1604F," + COMPANY
                            + ",2836911000,LITHIUM CARBONATES,CN,3000,35000\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/bundles"))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(("officer:" + DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip.toByteArray()))
                .build();
        try (var client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
