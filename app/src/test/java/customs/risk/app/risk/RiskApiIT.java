package customs.risk.app.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import customs.risk.app.security.TestAdmin;
import customs.risk.engine.RiskService;
import customs.risk.engine.ranking.RiskStore;
import customs.risk.fixtures.BundleGenerator;
import customs.risk.fixtures.GeneratorSettings;
import customs.risk.graph.TestFolders;
import customs.risk.ingest.BundleIngester;
import customs.risk.ingest.IngestListener;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
        dataDir = TestFolders.temporary("risk-api-it");
        registry.add("risk.data-dir", dataDir::toString);
        TestAdmin.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    BundleIngester ingester;

    @Autowired
    RiskService risk;

    @Autowired
    org.neo4j.driver.Driver driver;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void rankingsComeRiskiestFirstAndFilterByLane() throws Exception {
        var generated = BundleGenerator.generate(GeneratorSettings.defaults(21, 2_000), dataDir.resolve("generated"));
        ingester.ingest(generated.bundleDir(), dataDir.resolve("report.csv"), IngestListener.NONE);
        risk.rescore();

        var entities = get("/api/risk/entities?size=3");
        assertThat(entities.statusCode()).isEqualTo(200);
        assertThat(entities.body())
                .startsWith("{\"page\":0,\"size\":3,\"items\":[{\"rank\":1,")
                .contains("\"rank\":3", "\"reasons\":[")
                .doesNotContain("\"rank\":4");
        // Each row carries the names behind its ids, as the graph holds them.
        var riskiest = risk.top(RiskStore.Kind.ENTITIES, 1).getFirst().id();
        String name;
        try (var session = driver.session()) {
            name = session.run("MATCH (c:Company {id: $id}) RETURN c.name AS name", Map.of("id", riskiest))
                    .single()
                    .get("name")
                    .asString();
        }
        assertThat(entities.body())
                .contains("\"id\":\"" + riskiest + "\"", "\"name\":\"" + name + "\"", "\"country\":\"");
        var declarations = get("/api/risk/declarations?size=1");
        assertThat(declarations.body()).containsPattern("\"seller\":\\{\"id\":\"[^\"]+\",\"name\":\"[^\"]+\"\\}");
        assertThat(declarations.body()).contains("\"buyer\":{\"id\":", "\"originCountry\":\"");
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
        for (String kind : List.of("entities", "declarations")) {
            var far = get("/api/risk/" + kind + "?page=3000000&size=1000");
            assertThat(far.statusCode()).as("page * size beyond an int").isEqualTo(400);
            assertThat(far.body()).contains("page * size below");
        }
    }

    @Test
    void aBundleUploadedAfterTrainingIsScoredWithTheCurrentModel() throws Exception {
        var first = BundleGenerator.generate(GeneratorSettings.defaults(31, 1_500), dataDir.resolve("first"));
        ingester.ingest(first.bundleDir(), dataDir.resolve("first.csv"), IngestListener.NONE);
        String version = risk.train().model().version();
        var later = BundleGenerator.generate(GeneratorSettings.defaults(32, 1_000), dataDir.resolve("later"));
        var zip = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.ZipOutputStream(zip);
                var walk = Files.walk(later.bundleDir())) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new java.util.zip.ZipEntry(
                        later.bundleDir().relativize(file).toString()));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }

        var accepted = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/bundles"))
                        .header("Authorization", TestAdmin.basic())
                        .header("Content-Type", "application/zip")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(zip.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        String status = await().atMost(Duration.ofSeconds(60))
                .until(() -> get(location).body(), body -> body.contains("SUCCEEDED") || body.contains("FAILED"));

        assertThat(status)
                .contains("\"status\":\"SUCCEEDED\"")
                .containsPattern("\"scoring\":\"scored [1-9]\\d* new declarations with model " + version + " in ")
                // The bundle's companies were resolved against those already there, before scoring.
                .containsPattern("\"resolution\":\"[\\d,]+ records in [\\d,]+ parties");
        try (var session = driver.session()) {
            assertThat(session.run("MATCH (d:Declaration) WHERE d.riskScore IS NULL RETURN count(d)")
                            .single()
                            .get(0)
                            .asLong())
                    .isZero();
        }
    }

    @Test
    void theNetworkApiServesEvidencePartnersAndTimelines() throws Exception {
        var generated = BundleGenerator.generate(GeneratorSettings.defaults(41, 1_500), dataDir.resolve("network"));
        ingester.ingest(generated.bundleDir(), dataDir.resolve("network.csv"), IngestListener.NONE);
        risk.train();
        String finding;
        String company;
        try (var session = driver.session()) {
            var row = session.run("MATCH (f:Finding {kind: 'loop'})-[:INVOLVES]->(c:Company) RETURN f.id, c.id LIMIT 1")
                    .single();
            finding = row.get(0).asString();
            company = row.get(1).asString();
        }
        String entity = "/api/network/entities/Company/" + company;

        var evidence = get(entity + "/evidence");
        assertThat(evidence.statusCode()).isEqualTo(200);
        assertThat(evidence.body()).contains("\"id\":\"" + finding + "\"", "\"legs\":[{", "\"nodes\":[{");
        var graphml = get("/api/network/findings/" + finding + "/graphml");
        assertThat(graphml.statusCode()).isEqualTo(200);
        assertThat(graphml.body()).startsWith("<?xml").contains("<graphml", "Company:" + company);
        var partners = get(entity + "/partners?limit=5");
        assertThat(partners.statusCode()).isEqualTo(200);
        assertThat(partners.body()).contains("\"type\":\"TRADE\"", "\"declarations\":");
        var timeline = get(entity + "/timeline?kind=DECLARATION&limit=3");
        assertThat(timeline.statusCode()).isEqualTo(200);
        assertThat(timeline.body().split("\"kind\":\"DECLARATION\"", -1)).hasSize(4);
        assertThat(timeline.body()).doesNotContain("\"kind\":\"SCORE\"");

        assertThat(get("/api/network/entities/Company/NO-SUCH-COMPANY/evidence").statusCode())
                .isEqualTo(404);
        assertThat(get("/api/network/entities/Planet/X/timeline").statusCode()).isEqualTo(404);
        assertThat(get("/api/network/findings/loop-nonexistent").statusCode()).isEqualTo(404);
        assertThat(get(entity + "/partners?limit=0").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", TestAdmin.basic())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
