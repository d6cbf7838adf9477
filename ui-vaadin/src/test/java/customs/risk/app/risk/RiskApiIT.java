package customs.risk.app.risk;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.fixtures.BundleGenerator;
import customs.risk.fixtures.GeneratorSettings;
import customs.risk.ingest.BundleIngester;
import customs.risk.ingest.IngestListener;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code GET /api/risk/*} on a generated bundle, scored by the engine. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RiskApiIT {

    private static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        dataDir = Files.createTempDirectory("risk-api-it");
        registry.add("risk.data-dir", dataDir::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    BundleIngester ingester;

    @Autowired
    RiskService risk;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void rankingsComeRiskiestFirstAndFilterByLane() throws Exception {
        var generated = BundleGenerator.generate(GeneratorSettings.defaults(21, 2_000), dataDir.resolve("generated"));
        ingester.ingest(generated.bundleDir(), dataDir.resolve("report.csv"), IngestListener.NONE);
        risk.rescore();

        var entities = get("/api/risk/entities?size=3");
        assertThat(entities.statusCode()).isEqualTo(200);
        assertThat(entities.body()).startsWith("{\"page\":0,\"size\":3,\"items\":[{\"rank\":1,")
                .contains("\"rank\":3", "\"reasons\":[").doesNotContain("\"rank\":4");
        var secondPage = get("/api/risk/entities?size=3&page=1");
        assertThat(secondPage.body()).contains("\"rank\":4").doesNotContain("\"rank\":3,");
        var red = get("/api/risk/declarations?size=50&lane=RED");
        assertThat(red.statusCode()).isEqualTo(200);
        assertThat(red.body()).doesNotContain("\"lane\":\"GREEN\"", "\"lane\":\"YELLOW\"");
        var filtered = get("/api/risk/declarations?size=1000&hs=99&from=2030-01-01");
        assertThat(filtered.body()).contains("\"items\":[]");
        assertThat(get("/api/risk/entities?size=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/risk/entities?lane=PURPLE").statusCode()).isEqualTo(400);
        assertThat(get("/api/risk/declarations?from=yesterday").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
