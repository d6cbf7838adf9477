package customs.risk.app.announcements;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.app.TestStores;
import customs.risk.app.security.TestAdmin;
import customs.risk.cases.team.UserAccounts;
import customs.risk.graph.access.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Announcements over real HTTP against the whole application and an embedded Neo4j: who may publish,
 * who is addressed, and acknowledgement tracking.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnnouncementsIT {

    private static final String PASSWORD = "an-announcement-readers-password";
    private static final String OFFICER = "ann-officer";
    private static final String INSPECTOR_1 = "ann-inspector-1";
    private static final String INSPECTOR_2 = "ann-inspector-2";
    private static final String INVESTIGATOR = "ann-investigator";
    private static final String TRADER = "ann-trader";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestStores.withoutSearch(registry, "announcements-it");
    }

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void users() {
        user(OFFICER, Role.RISK_OFFICER, null);
        user(INSPECTOR_1, Role.INSPECTOR, null);
        user(INSPECTOR_2, Role.INSPECTOR, null);
        user(INVESTIGATOR, Role.INVESTIGATOR, null);
        user(TRADER, Role.TRADER, "ANN-IT-TRADER-CO");
    }

    @Test
    void anAnnouncementToInspectorsReachesInspectorsAndTracksWhoAcknowledged() throws Exception {
        var published = send(
                OFFICER,
                "POST",
                "/api/announcements",
                Map.of(
                        "title",
                        "New seal procedure",
                        "text",
                        "From Monday every container is sealed twice.",
                        "audience",
                        "INSPECTOR"));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        String id = json.readTree(published.body()).get("id").asString();

        JsonNode seen = find(INSPECTOR_1, id);
        assertThat(seen).isNotNull();
        assertThat(seen.get("title").asString()).isEqualTo("New seal procedure");
        assertThat(seen.get("author").asString()).isEqualTo(OFFICER);
        assertThat(seen.get("acknowledged").asBoolean()).isFalse();
        assertThat(find(INSPECTOR_2, id)).isNotNull();
        assertThat(find(INVESTIGATOR, id)).as("not addressed to investigators").isNull();
        assertThat(find(TRADER, id)).isNull();
        assertThat(send(INVESTIGATOR, "POST", "/api/announcements/" + id + "/ack", null)
                        .statusCode())
                .isEqualTo(404);

        var first = send(INSPECTOR_1, "POST", "/api/announcements/" + id + "/ack", null);
        var second = send(INSPECTOR_1, "POST", "/api/announcements/" + id + "/ack", null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json.readTree(second.body()).get("acknowledgedAt").asString())
                .as("acknowledging again keeps the first time")
                .isEqualTo(json.readTree(first.body()).get("acknowledgedAt").asString());
        assertThat(find(INSPECTOR_1, id).get("acknowledged").asBoolean()).isTrue();
        assertThat(find(INSPECTOR_2, id).get("acknowledged").asBoolean()).isFalse();

        for (String reader : List.of(OFFICER, "admin")) {
            var acks = send(reader, "GET", "/api/announcements/" + id + "/acks", null);
            assertThat(acks.statusCode()).as(acks.body()).isEqualTo(200);
            JsonNode tracking = json.readTree(acks.body());
            assertThat(tracking.get("acknowledged"))
                    .extracting(a -> a.get("username").asString())
                    .containsExactly(INSPECTOR_1);
            assertThat(tracking.get("pending")).extracting(JsonNode::asString).containsExactly(INSPECTOR_2);
        }
        assertThat(send(INSPECTOR_1, "GET", "/api/announcements/" + id + "/acks", null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(OFFICER, "GET", "/api/announcements/ANN-NONE/acks", null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void onlyAdminsAndRiskOfficersPublishAndAllReachesEveryone() throws Exception {
        var notice = Map.of("title", "Office closed", "text", "The Busan office is closed on Friday.");
        for (String user : List.of(TRADER, INSPECTOR_1, INVESTIGATOR)) {
            assertThat(send(user, "POST", "/api/announcements", notice).statusCode())
                    .as(user)
                    .isEqualTo(403);
        }
        assertThat(send(OFFICER, "POST", "/api/announcements", Map.of("title", "x", "text", "y", "audience", "CLERK"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(send(OFFICER, "POST", "/api/announcements", Map.of("title", " ", "text", "y"))
                        .statusCode())
                .isEqualTo(400);

        var published = send(
                "admin",
                "POST",
                "/api/announcements",
                Map.of("title", "Office closed", "text", "The Busan office is closed on Friday.", "audience", "ALL"));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        String id = json.readTree(published.body()).get("id").asString();
        for (String user : List.of(TRADER, INSPECTOR_1, INVESTIGATOR, OFFICER)) {
            assertThat(find(user, id)).as(user).isNotNull();
        }
        send(TRADER, "POST", "/api/announcements/" + id + "/ack", null);
        JsonNode tracking = json.readTree(
                send(OFFICER, "GET", "/api/announcements/" + id + "/acks", null).body());
        assertThat(tracking.get("acknowledged"))
                .extracting(a -> a.get("username").asString())
                .containsExactly(TRADER);
        assertThat(tracking.get("pending"))
                .extracting(JsonNode::asString)
                .contains(OFFICER, INSPECTOR_1, INSPECTOR_2, INVESTIGATOR, TestAdmin.USERNAME)
                .doesNotContain(TRADER);
    }

    private void user(String name, Role role, String company) {
        if (accounts.find(name).isEmpty()) {
            accounts.create(name, PASSWORD, Set.of(role), company);
        }
    }

    /** The announcement as listed for the user, null when it is not addressed to them. */
    private JsonNode find(String user, String id) throws Exception {
        var answer = send(user, "GET", "/api/announcements", null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var list = new ArrayList<JsonNode>();
        json.readTree(answer.body()).forEach(list::add);
        return list.stream()
                .filter(a -> a.get("id").asString().equals(id))
                .findFirst()
                .orElse(null);
    }

    private HttpResponse<String> send(String user, String method, String path, Object body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", user.equals("admin") ? TestAdmin.basic() : TestAdmin.basic(user, PASSWORD))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
