package customs.risk.app.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import customs.risk.app.documents.Multipart;
import customs.risk.app.security.TestAdmin;
import customs.risk.cases.team.UserAccounts;
import customs.risk.documents.filing.DocumentService;
import customs.risk.documents.search.DocumentQuery;
import customs.risk.engine.explore.EntityService;
import customs.risk.engine.explore.NetworkService;
import customs.risk.engine.explore.NodeRef;
import customs.risk.graph.NodeLabel;
import customs.risk.graph.TestFolders;
import customs.risk.graph.access.Actor;
import customs.risk.graph.access.Role;
import customs.risk.ui.SignedIn;
import customs.risk.ui.documents.DocumentSearchView;
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
import java.util.stream.Stream;
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
 * What belongs to a case stays in it: a staff user outside the case finds nothing of it, its links
 * or its attachments through any path (entity page, network, document search with its snippets and
 * facet counts, downloads, the correction of an attachment), while its members and admins do.
 * Against the whole application, the embedded Neo4j and the in-process Elasticsearch node.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaseConfidentialityIT {

    private static final String PASSWORD = "a-confidential-password";
    private static final String OWNER = "conf-owner";
    private static final String MEMBER = "conf-member";
    private static final String OUTSIDER = "conf-outsider";
    private static final String SECRET = "the zebra-walrus confidential informant at Brackenfold Shipping";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        String dataDir = TestFolders.temporary("case-confidentiality-it").toString();
        registry.add("risk.data-dir", () -> dataDir);
        TestAdmin.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    customs.risk.cases.alerts.AlertService alerts;

    @Autowired
    UserAccounts accounts;

    @Autowired
    Driver driver;

    @Autowired
    EntityService entities;

    @Autowired
    NetworkService network;

    @Autowired
    DocumentService documents;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Actor owner = new Actor(OWNER, false);
    private final Actor member = new Actor(MEMBER, false);
    private final Actor outsider = new Actor(OUTSIDER, false);
    private final Actor admin = new Actor(TestAdmin.USERNAME, true);
    /** Set up once for the class: each test looks at the same case from several sides. */
    private static String caseId;

    private static String attachment;

    @BeforeEach
    void aCaseWithAnAttachment() throws Exception {
        if (caseId != null) {
            return;
        }
        for (String name : List.of(OWNER, MEMBER, OUTSIDER)) {
            if (accounts.find(name).isEmpty()) {
                accounts.create(name, PASSWORD, Set.of(Role.INVESTIGATOR), null);
            }
        }
        try (var session = driver.session()) {
            session.run("MERGE (c:Company {id: 'C-CONF'}) SET c.name = 'Brackenfold Shipping'")
                    .consume();
        }
        var created = send(
                OWNER,
                "POST",
                "/api/cases",
                Map.of(
                        "title",
                        "Informant on Brackenfold",
                        "members",
                        List.of(MEMBER),
                        "about",
                        List.of("Company:C-CONF")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        caseId = json.readTree(created.body()).get("id").asString();
        var posted = send(OWNER, "POST", "/api/cases/" + caseId + "/messages", Map.of("text", "what they told us"));
        String messageId = json.readTree(posted.body()).get("id").asString();
        var attached = http.send(
                Multipart.post(
                        request(OWNER, "/api/cases/" + caseId + "/messages/" + messageId + "/attachments"),
                        Map.of(),
                        "secret.txt",
                        SECRET.getBytes(StandardCharsets.UTF_8)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(attached.statusCode()).as(attached.body()).isEqualTo(201);
        attachment = json.readTree(attached.body())
                .get("attachments")
                .get(0)
                .get("documentId")
                .asString();
    }

    @Test
    void documentSearchSnippetsFacetsAndDownloadsLeaveTheAttachmentOutForOutsiders() throws Exception {
        String search = "/api/documents/search?q=" + URLEncoder.encode("zebra-walrus", StandardCharsets.UTF_8);
        JsonNode outside = json.readTree(send(OUTSIDER, "GET", search, null).body());
        assertThat(outside.get("total").asLong()).isZero();
        assertThat(outside.toString()).doesNotContain("zebra", attachment);
        JsonNode everything = json.readTree(
                send(OUTSIDER, "GET", "/api/documents/search?type=OTHER", null).body());
        assertThat(everything.toString()).as("no hit and no facet count").doesNotContain(attachment, "zebra");
        assertThat(everything.get("facets").get("type").toString()).doesNotContain("OTHER");
        assertThat(send(OUTSIDER, "GET", "/api/documents/" + attachment + "/file", null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send(OUTSIDER, "GET", "/api/documents/" + attachment, null).statusCode())
                .isEqualTo(404);
        assertThat(send(OUTSIDER, "GET", "/api/companies/C-CONF/documents", null)
                        .body())
                .doesNotContain(attachment);
        assertThat(documents.open(outsider, attachment))
                .as("the web UI's download")
                .isEmpty();
        assertThat(documents.preview(outsider, attachment, 100)).isEmpty();

        for (String insider : List.of(MEMBER, TestAdmin.USERNAME)) {
            String password = insider.equals(TestAdmin.USERNAME) ? TestAdmin.PASSWORD : PASSWORD;
            JsonNode inside = json.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(url(search)))
                                    .header("Authorization", TestAdmin.basic(insider, password))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            assertThat(inside.get("total").asLong()).as(insider).isEqualTo(1);
            assertThat(inside.get("hits").get(0).get("snippets").toString()).contains("zebra");
            assertThat(http.send(
                                    HttpRequest.newBuilder(URI.create(url("/api/documents/" + attachment + "/file")))
                                            .header("Authorization", TestAdmin.basic(insider, password))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body())
                    .as(insider)
                    .isEqualTo(SECRET);
        }
        assertThat(documents.mentioning(member, "C-CONF", 0, 20).orElseThrow().total())
                .isEqualTo(1);
        assertThat(documents.mentioning(outsider, "C-CONF", 0, 20).orElseThrow().total())
                .isZero();
    }

    @Test
    void theUiSearchShowsOutsidersNothingOfTheAttachment() {
        var outsiderView = new DocumentSearchView(documents, alerts, SignedIn.as(outsider));
        outsiderView.beforeEnter(enter("zebra-walrus"));
        assertThat(text(outsiderView, "doc-search-total")).isEqualTo("0 documents");

        var memberView = new DocumentSearchView(documents, alerts, SignedIn.as(member));
        memberView.beforeEnter(enter("zebra-walrus"));
        assertThat(text(memberView, "doc-search-total")).isEqualTo("1 document");
    }

    @Test
    void theEntityPageAndTheNetworkShowOutsidersNothingOfTheCase() {
        var theCase = new NodeRef(NodeLabel.CASE, caseId);
        var theAttachment = new NodeRef(NodeLabel.DOCUMENT, attachment);
        var company = new NodeRef(NodeLabel.COMPANY, "C-CONF");

        assertThat(entities.profile(outsider, theCase)).isEmpty();
        assertThat(entities.profile(outsider, theAttachment)).isEmpty();
        assertThat(network.node(outsider, theCase)).isEmpty();
        assertThat(network.degrees(outsider, theCase)).isEmpty();
        assertThat(network.expand(outsider, theCase, "ABOUT", true, 0, 50).nodes())
                .isEmpty();
        assertThat(network.degrees(outsider, company)).noneMatch(d -> d.type().equals("ABOUT"));
        var about = network.expand(outsider, company, "ABOUT", false, 0, 50);
        assertThat(about.total()).isZero();
        assertThat(about.nodes()).isEmpty();
        assertThat(network.node(outsider, company).orElseThrow().investigated()).isFalse();
        assertThat(network.shortestPath(outsider, theCase, company, 3)).isEmpty();

        for (Actor insider : List.of(owner, member, admin)) {
            assertThat(entities.profile(insider, theCase))
                    .as(insider.username())
                    .isPresent();
            assertThat(entities.profile(insider, theAttachment)).isPresent();
            assertThat(network.expand(insider, company, "ABOUT", false, 0, 50).nodes())
                    .extracting(n -> n.ref().toString())
                    .containsExactly("Case:" + caseId);
            assertThat(network.expand(insider, theCase, "ABOUT", true, 0, 50).nodes())
                    .extracting(n -> n.ref().toString())
                    .contains("Company:C-CONF", "Document:" + attachment);
            assertThat(network.node(insider, company).orElseThrow().investigated())
                    .isTrue();
        }
    }

    @Test
    void anAttachmentIsNeitherReplacedNorCorrectedOutsideItsMessage() throws Exception {
        var overwrite = http.send(
                Multipart.post(
                        request(MEMBER, "/api/documents"),
                        Map.of("documentId", attachment),
                        "tamper.txt",
                        "nothing to see".getBytes(StandardCharsets.UTF_8)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(overwrite.statusCode()).isEqualTo(409);
        var correction = http.send(
                Multipart.post(
                        request(MEMBER, "/api/documents"),
                        Map.of("supersedes", attachment),
                        "tamper.txt",
                        "nothing to see".getBytes(StandardCharsets.UTF_8)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(correction.statusCode()).as(correction.body()).isEqualTo(409);
        var outside = http.send(
                Multipart.post(
                        request(OUTSIDER, "/api/documents"),
                        Map.of("supersedes", attachment),
                        "tamper.txt",
                        "nothing to see".getBytes(StandardCharsets.UTF_8)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(outside.statusCode()).as("an outsider learns nothing of it").isEqualTo(400);
        assertThat(outside.body()).contains("is not in the graph");
        assertThat(documents.open(member, attachment).orElseThrow().getValue().readAllBytes())
                .isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8));
        assertThat(documents.search(admin, DocumentQuery.of("tamper")).total()).isZero();

        var linking = send(
                OUTSIDER, "POST", "/api/cases", Map.of("title", "Curious", "about", List.of("Document:" + attachment)));
        assertThat(linking.statusCode()).as("nor linked into another case").isEqualTo(400);
        assertThat(linking.body()).contains("no Document:" + attachment + " in the graph");
    }

    @Test
    void theCaseTrailWithItsAttachmentReadsLeavesTheBuildingThroughAnAdministrator() throws Exception {
        assertThat(send(MEMBER, "GET", "/api/documents/" + attachment + "/file", null)
                        .statusCode())
                .isEqualTo(200);
        documents.preview(owner, attachment, 100);

        var csv = http.send(
                HttpRequest.newBuilder(URI.create(url("/api/cases/" + caseId + "/audit?format=csv")))
                        .header("Authorization", TestAdmin.basic())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.body())
                .startsWith("seq,at,actor,kind,detail\n")
                .contains(
                        "," + OWNER + ",CREATED,",
                        "," + OWNER + ",ATTACHMENT_ADDED,",
                        "," + MEMBER + ",ATTACHMENT_READ,Document:" + attachment + " downloaded",
                        "," + OWNER + ",ATTACHMENT_READ,Document:" + attachment + " previewed");
        var json = http.send(
                HttpRequest.newBuilder(URI.create(url("/api/cases/" + caseId + "/audit")))
                        .header("Authorization", TestAdmin.basic())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.body()).contains("\"kind\":\"ATTACHMENT_READ\"");
        assertThat(send(OWNER, "GET", "/api/cases/" + caseId + "/audit?format=csv", null)
                        .statusCode())
                .as("even the owner exports nothing")
                .isEqualTo(403);
    }

    private static BeforeEnterEvent enter(String q) {
        var event = mock(BeforeEnterEvent.class);
        when(event.getLocation()).thenReturn(new Location("documents", new QueryParameters(Map.of("q", List.of(q)))));
        return event;
    }

    private static String text(Component root, String id) {
        return descendants(root)
                .filter(c -> c.getId().orElse("").equals(id))
                .findFirst()
                .orElseThrow()
                .getElement()
                .getText();
    }

    private static Stream<Component> descendants(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(CaseConfidentialityIT::descendants));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private HttpRequest.Builder request(String user, String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", TestAdmin.basic(user, PASSWORD));
    }

    private HttpResponse<String> send(String user, String method, String path, Object body) throws Exception {
        return http.send(
                request(user, path)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
