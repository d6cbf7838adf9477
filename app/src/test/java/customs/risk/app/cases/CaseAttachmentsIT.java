package customs.risk.app.cases;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.app.security.TestAdmin;
import customs.risk.cases.team.UserAccounts;
import customs.risk.graph.TestFolders;
import customs.risk.graph.access.Role;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
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
 * Attachments of case messages over real HTTP, against the whole application, an embedded Neo4j and
 * the in-process Elasticsearch node: filed like any document, linked to message and case, listed on
 * the message, found by the document search, and refused to anyone but the message's author.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaseAttachmentsIT {

    private static final String PASSWORD = "an-attachers-password";
    private static final String AUTHOR = "attach-author";
    private static final String MEMBER = "attach-member";
    private static final String OUTSIDER = "attach-outsider";
    private static final String TRADER = "attach-trader";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        String dataDir = TestFolders.temporary("case-attachments-it").toString();
        registry.add("risk.data-dir", () -> dataDir);
        registry.add("risk.documents.max-size", () -> "256KB");
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
    void users() {
        user(AUTHOR, Role.INVESTIGATOR, null);
        user(MEMBER, Role.INSPECTOR, null);
        user(OUTSIDER, Role.INVESTIGATOR, null);
        user(TRADER, Role.TRADER, "ATTACH-IT-TRADER-CO");
    }

    @Test
    void theAuthorsAttachmentIsFiledLinkedListedAndSearchable() throws Exception {
        String caseId = newCase("Forged certificates");
        String messageId = post(caseId, "the certificate they sent");
        String path = "/api/cases/" + caseId + "/messages/" + messageId + "/attachments";

        var text = upload(
                AUTHOR,
                path,
                "Certificate of origin stamped by the Quillbrook chamber of commerce".getBytes(StandardCharsets.UTF_8),
                "certificate.txt",
                "CERTIFICATE_OF_ORIGIN");
        assertThat(text.statusCode()).as(text.body()).isEqualTo(201);
        var image = upload(AUTHOR, path, png(), "stamp.png", null);
        assertThat(image.statusCode()).as(image.body()).isEqualTo(201);

        JsonNode listed = messages(MEMBER, caseId).getFirst();
        assertThat(listed.get("id").asString()).isEqualTo(messageId);
        JsonNode attachments = listed.get("attachments");
        assertThat(attachments).hasSize(2);
        JsonNode certificate = attachments.get(0);
        String documentId = certificate.get("documentId").asString();
        assertThat(certificate.get("fileName").asString()).isEqualTo("certificate.txt");
        assertThat(certificate.get("contentType").asString()).startsWith("text/plain");
        assertThat(certificate.get("fileUrl").asString()).isEqualTo("/api/documents/" + documentId + "/file");
        assertThat(certificate.get("inline").asBoolean()).isFalse();
        JsonNode stamp = attachments.get(1);
        assertThat(stamp.get("fileName").asString()).isEqualTo("stamp.png");
        assertThat(stamp.get("contentType").asString()).isEqualTo("image/png");
        assertThat(stamp.get("inline").asBoolean())
                .as("an image is shown in place")
                .isTrue();

        assertThat(send(MEMBER, "GET", certificate.get("fileUrl").asString(), null)
                        .body())
                .contains("Quillbrook chamber");
        var found = send(
                MEMBER,
                "GET",
                "/api/documents/search?q=" + URLEncoder.encode("\"Quillbrook chamber\"", StandardCharsets.UTF_8),
                null);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        JsonNode hits = json.readTree(found.body());
        assertThat(hits.get("total").asLong()).isEqualTo(1);
        assertThat(hits.get("hits").get(0).get("documentId").asString()).isEqualTo(documentId);
        assertThat(hits.get("hits").get(0).get("docType").asString()).isEqualTo("CERTIFICATE_OF_ORIGIN");

        try (var session = driver.session()) {
            var types = session.run("""
                    MATCH (c:Case {id: $caseId})-[:HAS_MESSAGE]->(:Message {id: $messageId})-[:ATTACHES]->(d:Document)
                    WHERE (c)-[:ABOUT]->(d)
                    RETURN d.docType AS type ORDER BY d.fileName
                    """, Map.of("caseId", caseId, "messageId", messageId))
                    .list(r -> r.get("type").asString());
            assertThat(types).containsExactly("CERTIFICATE_OF_ORIGIN", "OTHER");
        }
        assertThat(json.readTree(send(MEMBER, "GET", "/api/cases/" + caseId, null)
                                .body())
                        .get("links")
                        .toString())
                .contains("Document:" + documentId);
        assertThat(timeline(caseId))
                .contains("ATTACHMENT_ADDED by " + AUTHOR + ": " + messageId + ": Document:" + documentId);
    }

    @Test
    void onlyTheAuthorMayAttachAndNothingIsStoredForOthers() throws Exception {
        String caseId = newCase("Refused attachments");
        String messageId = post(caseId, "mine");
        String path = "/api/cases/" + caseId + "/messages/" + messageId + "/attachments";
        long before = documents();
        byte[] file = "Smuggled note about Brackenfold shipping".getBytes(StandardCharsets.UTF_8);

        assertThat(upload(OUTSIDER, path, file, "note.txt", null).statusCode())
                .as("not a member")
                .isEqualTo(404);
        assertThat(upload(MEMBER, path, file, "note.txt", null).statusCode())
                .as("not the author")
                .isEqualTo(403);
        assertThat(upload(TRADER, path, file, "note.txt", null).statusCode()).isEqualTo(403);
        assertThat(upload(AUTHOR, "/api/cases/" + caseId + "/messages/MSG-NONE/attachments", file, "note.txt", null)
                        .statusCode())
                .isEqualTo(404);
        var tooLarge = upload(AUTHOR, path, new byte[300 * 1024], "big.bin", null);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(upload(AUTHOR, path, file, "note.txt", "RECEIPT").statusCode())
                .isEqualTo(400);

        assertThat(documents()).as("no document filed by a refused attachment").isEqualTo(before);
        assertThat(messages(AUTHOR, caseId).getFirst().get("attachments")).isEmpty();
    }

    private long documents() {
        try (var session = driver.session()) {
            return session.run("MATCH (d:Document) RETURN count(d)")
                    .single()
                    .get(0)
                    .asLong();
        }
    }

    private static byte[] png() throws IOException {
        var image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xC0FFEE);
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private void user(String name, Role role, String company) {
        if (accounts.find(name).isEmpty()) {
            accounts.create(name, PASSWORD, Set.of(role), company);
        }
    }

    private String newCase(String title) throws Exception {
        var created = send(AUTHOR, "POST", "/api/cases", Map.of("title", title, "members", List.of(MEMBER)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asString();
    }

    private String post(String caseId, String text) throws Exception {
        var posted = send(AUTHOR, "POST", "/api/cases/" + caseId + "/messages", Map.of("text", text));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        return json.readTree(posted.body()).get("id").asString();
    }

    private List<JsonNode> messages(String user, String caseId) throws Exception {
        var answer = send(user, "GET", "/api/cases/" + caseId + "/messages", null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var list = new java.util.ArrayList<JsonNode>();
        json.readTree(answer.body()).forEach(list::add);
        return list;
    }

    private List<String> timeline(String caseId) throws Exception {
        var list = new java.util.ArrayList<String>();
        json.readTree(send(AUTHOR, "GET", "/api/cases/" + caseId + "/timeline", null)
                        .body())
                .forEach(e -> list.add(e.get("kind").asString() + " by "
                        + e.get("actor").asString() + ": " + e.get("detail").asString()));
        return list;
    }

    private HttpResponse<String> upload(String user, String path, byte[] content, String fileName, String docType)
            throws Exception {
        var body = new ByteArrayOutputStream();
        String boundary = "AttachmentBoundary";
        if (docType != null) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"docType\"\r\n\r\n" + docType
                            + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", TestAdmin.basic(user, PASSWORD))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String user, String method, String path, Object body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestAdmin.basic(user, PASSWORD))
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
