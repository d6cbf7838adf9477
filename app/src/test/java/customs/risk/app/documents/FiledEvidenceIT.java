package customs.risk.app.documents;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.app.security.TestAdmin;
import customs.risk.cases.team.UserAccounts;
import customs.risk.graph.TestFolders;
import customs.risk.graph.access.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Filed documents are evidence, over real HTTP against the whole application: an id that exists is
 * never given other bytes, the same bytes again change nothing, and a correction is a new version
 * that supersedes the earlier one, both kept with who filed them and when.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FiledEvidenceIT {

    private static final String PASSWORD = "an-evidence-password";
    private static final String INVESTIGATOR = "evidence-investigator";
    private static final String INSPECTOR = "evidence-inspector";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        String dataDir = TestFolders.temporary("filed-evidence-it").toString();
        registry.add("risk.data-dir", () -> dataDir);
        TestAdmin.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    Driver driver;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void usersAndGraph() {
        for (var user : Map.of(INVESTIGATOR, Role.INVESTIGATOR, INSPECTOR, Role.INSPECTOR)
                .entrySet()) {
            if (accounts.find(user.getKey()).isEmpty()) {
                accounts.create(user.getKey(), PASSWORD, Set.of(user.getValue()), null);
            }
        }
        try (var session = driver.session()) {
            session.run("""
                    MERGE (c:Company {id: 'C-EVID'}) SET c.name = 'Quarrywell Optics'
                    MERGE (d:Declaration {id: 'D-EVID:1'}) SET d.hsCode = '900190'
                    MERGE (d)-[:SOLD_BY]->(c)
                    """).consume();
        }
    }

    @Test
    void anotherFileUnderAFiledIdIsRefusedAndTheEvidenceStaysAsFiled() throws Exception {
        var filed = upload(
                INVESTIGATOR,
                "Invoice 77: 40 lenses at 310 USD",
                Map.of(
                        "documentId",
                        "INV-EVID-1",
                        "declarationId",
                        "D-EVID:1",
                        "companyId",
                        "C-EVID",
                        "docType",
                        "INVOICE"));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);

        var again = upload(INSPECTOR, "Invoice 77: 40 lenses at 310 USD", Map.of("documentId", "INV-EVID-1"));
        assertThat(again.statusCode())
                .as("the same bytes again: nothing changes")
                .isEqualTo(200);

        var tampered = upload(INSPECTOR, "Invoice 77: 40 lenses at 31 USD", Map.of("documentId", "INV-EVID-1"));
        assertThat(tampered.statusCode()).isEqualTo(409);
        assertThat(json.readTree(tampered.body()).get("detail").asString())
                .contains("INV-EVID-1 is already filed with other content");

        assertThat(get(INVESTIGATOR, "/api/documents/INV-EVID-1/file").body())
                .isEqualTo("Invoice 77: 40 lenses at 310 USD");
        try (var session = driver.session()) {
            assertThat(session.run("""
                    MATCH (:Company {id: 'C-EVID'})-[:FILED]->(d:Document {id: 'INV-EVID-1'})-[:SUPPORTS]->(:Declaration)
                    RETURN count(d)""").single().get(0).asLong())
                    .as("its links are kept")
                    .isEqualTo(1);
        }
        JsonNode record =
                json.readTree(get(INVESTIGATOR, "/api/documents/INV-EVID-1").body());
        assertThat(record.get("filedBy").asString()).isEqualTo(INVESTIGATOR);
        assertThat(record.get("filedAt").asString()).isNotBlank();
    }

    @Test
    void aCorrectionIsANewVersionAndBothAreKept() throws Exception {
        assertThat(upload(
                                INVESTIGATOR,
                                "Packing list: 12 crates",
                                Map.of(
                                        "documentId",
                                        "PL-EVID-1",
                                        "declarationId",
                                        "D-EVID:1",
                                        "docType",
                                        "PACKING_LIST"))
                        .statusCode())
                .isEqualTo(201);

        var correction = upload(
                INSPECTOR, "Packing list: 14 crates", Map.of("supersedes", "PL-EVID-1", "docType", "PACKING_LIST"));
        assertThat(correction.statusCode()).as(correction.body()).isEqualTo(201);
        String corrected = json.readTree(correction.body()).get("documentId").asString();
        assertThat(corrected).isNotEqualTo("PL-EVID-1");

        JsonNode later =
                json.readTree(get(INVESTIGATOR, "/api/documents/" + corrected).body());
        assertThat(later.get("supersedes").asString()).isEqualTo("PL-EVID-1");
        assertThat(later.get("filedBy").asString()).isEqualTo(INSPECTOR);
        assertThat(later.get("filedAt").asString()).isNotBlank();
        JsonNode earlier =
                json.readTree(get(INVESTIGATOR, "/api/documents/PL-EVID-1").body());
        assertThat(earlier.get("supersededBy").toString()).contains(corrected);
        assertThat(earlier.get("filedBy").asString()).isEqualTo(INVESTIGATOR);

        assertThat(get(INVESTIGATOR, "/api/documents/PL-EVID-1/file").body()).isEqualTo("Packing list: 12 crates");
        assertThat(get(INVESTIGATOR, "/api/documents/" + corrected + "/file").body())
                .isEqualTo("Packing list: 14 crates");
        var ofTheDeclaration =
                json.readTree(get(INVESTIGATOR, "/api/documents/search?declaration=D-EVID:1&type=PACKING_LIST")
                        .body());
        assertThat(ofTheDeclaration.get("total").asLong())
                .as("the correction takes over the links")
                .isEqualTo(2);

        var ofNothing = upload(INSPECTOR, "Packing list: 15 crates", Map.of("supersedes", "PL-NOWHERE"));
        assertThat(ofNothing.statusCode()).isEqualTo(400);
        assertThat(ofNothing.body()).contains("document PL-NOWHERE is not in the graph");
    }

    private HttpResponse<String> upload(String user, String text, Map<String, String> fields) throws Exception {
        var all = new HashMap<>(fields);
        all.putIfAbsent("docType", "OTHER");
        var request = Multipart.post(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/documents"))
                        .header("Authorization", TestAdmin.basic(user, PASSWORD)),
                all,
                "file.txt",
                text.getBytes(StandardCharsets.UTF_8));
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String user, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", TestAdmin.basic(user, PASSWORD))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
