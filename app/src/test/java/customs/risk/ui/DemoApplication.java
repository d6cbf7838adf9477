package customs.risk.ui;

import customs.risk.app.RiskApplication;
import customs.risk.documents.filing.DocumentService;
import customs.risk.engine.RiskService;
import customs.risk.graph.TestFolders;
import customs.risk.ingest.BundleIngester;
import customs.risk.ingest.IngestListener;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with the demo users, the demo bundle loaded, a model trained and the documents
 * indexed, for the browser tests that walk it. One data dir for all of them: the test classes that
 * extend this share one application (Spring reuses the context), and, should it have been closed in
 * between, the next one opens the same stores with the data already there.
 */
@SpringBootTest(classes = RiskApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
abstract class DemoApplication {

    /** The documented demo password of every demo user (README, Security). */
    static final String DEMO_PASSWORD = "customs-demo";

    private static final Path DATA_DIR = TestFolders.temporary("demo-browser-it");
    private static boolean loaded;

    /** The browser of the running test class, opened before its first test. */
    static Browser browser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("risk.data-dir", DATA_DIR::toString);
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
        synchronized (DemoApplication.class) {
            if (!loaded) {
                ingester.ingest(
                        Path.of("../fixtures/sample/bundle"), DATA_DIR.resolve("sample.csv"), IngestListener.NONE);
                risk.train();
                documents.indexNew();
                loaded = true;
            }
        }
        if (browser == null) {
            browser = new Browser(port);
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
