package customs.risk.app.resolution;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Entity resolution on the path a user takes: a bundle whose loop closes through a company
 * registered twice under variant names (other address wording, no phone, the registration number
 * written without dashes), trained and ranked before and after {@code POST /api/resolution/run}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResolutionIT {

    private static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        dataDir = TestFolders.temporary("resolution-it");
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
    @Order(1)
    void aLoopThroughACompanyRegisteredTwiceIsFoundAndRankedOnceResolved() throws Exception {
        var generated = BundleGenerator.generate(GeneratorSettings.defaults(43, 2_000), dataDir.resolve("generated"));
        ingester.ingest(generated.bundleDir(), dataDir.resolve("generated.csv"), IngestListener.NONE);
        ingester.ingest(loopBundle(), dataDir.resolve("loop.csv"), IngestListener.NONE);

        risk.train();
        assertThat(loopsInvolving("ER-A1"))
                .as("without resolution the goods never come back")
                .isZero();
        assertThat(loopsInvolving("ER-A2")).isZero();

        var run = post("/api/resolution/run", "");
        assertThat(run.statusCode()).isEqualTo(200);
        assertThat(run.body()).contains("\"rescored\":true");
        assertThat(party("ER-A2")).isEqualTo("ER-A1");
        assertThat(party("ER-A1")).isEqualTo("ER-A1");

        assertThat(loopsInvolving("ER-A1"))
                .as("the loop closes through the party")
                .isPositive();
        var a1 = risk.score(RiskStore.Kind.ENTITIES, "ER-A1").orElseThrow();
        assertThat(String.join(" ", a1.reasons())).contains("loop");
        assertThat(risk.score(RiskStore.Kind.ENTITIES, "ER-A2"))
                .as("the second record is ranked as its party, not on its own")
                .isEmpty();
        var ranked = risk.page(RiskStore.Kind.ENTITIES, customs.risk.engine.ranking.RankingFilter.NONE, 0, 100_000);
        assertThat(ranked.stream().filter(i -> i.id().startsWith("ER-A"))).hasSize(1);

        var partyJson = get("/api/resolution/parties/ER-A2");
        assertThat(partyJson.statusCode()).isEqualTo(200);
        assertThat(partyJson.body()).contains("\"id\":\"ER-A1\"", "AURORA HARBOUR TRADING COMPANY LIMITED");
    }

    @Test
    @Order(2)
    void aRejectedMergeSplitsThePartyAndUndoingItJoinsItAgain() throws Exception {
        var pair = get("/api/resolution/pairs/ER-A2/ER-A1");
        assertThat(pair.statusCode()).isEqualTo(200);
        assertThat(pair.body()).contains("\"status\":\"AUTO\"", "\"field\":\"registration\",\"verdict\":\"SAME\"");

        var rejected = post("/api/resolution/pairs/ER-A1/ER-A2", "{\"decision\":\"REJECTED\"}");
        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(rejected.body()).contains("\"status\":\"REJECTED\"", "\"decidedBy\":\"" + TestAdmin.USERNAME + "\"");
        assertThat(party("ER-A2")).isNull();

        var again = post("/api/resolution/run?score=false", "");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(party("ER-A2"))
                .as("a decision stands when resolution runs again")
                .isNull();

        var undone = post("/api/resolution/pairs/ER-A1/ER-A2", "{\"decision\":\"PENDING\"}");
        assertThat(undone.body()).contains("\"status\":\"AUTO\"", "|" + TestAdmin.USERNAME + "|REJECTED");
        assertThat(party("ER-A2")).isEqualTo("ER-A1");

        assertThat(post("/api/resolution/pairs/ER-A1/ER-A2", "{\"decision\":\"MAYBE\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(post("/api/resolution/pairs/ER-A1/NOBODY", "{\"decision\":\"ACCEPTED\"}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/api/resolution/queue?limit=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/resolution/queue").body()).contains("\"counts\":{\"AUTO\":");
    }

    private long loopsInvolving(String company) {
        try (var session = driver.session()) {
            return session.run(
                            "MATCH (f:Finding {kind: 'loop'})-[:INVOLVES]->(:Company {id: $id}) RETURN count(f)",
                            Map.of("id", company))
                    .single()
                    .get(0)
                    .asLong();
        }
    }

    private String party(String company) {
        try (var session = driver.session()) {
            return session.run("MATCH (c:Company {id: $id}) RETURN c.party", Map.of("id", company))
                    .single()
                    .get(0)
                    .asString(null);
        }
    }

    private static Path loopBundle() throws URISyntaxException {
        return Path.of(ResolutionIT.class.getResource("/resolution/loop-bundle").toURI());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", TestAdmin.basic())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", TestAdmin.basic())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
