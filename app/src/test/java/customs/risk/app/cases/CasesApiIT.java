package customs.risk.app.cases;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.app.TestStores;
import customs.risk.app.security.TestAdmin;
import customs.risk.cases.team.UserAccounts;
import customs.risk.graph.access.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * Cases and their conversations over real HTTP, against the whole application and an embedded
 * Neo4j: who may see a case, the timeline and its audit of closed cases, message history,
 * idempotent posts, unread counts, and 50 members posting into one case at once. Requests for
 * information between the case team and a trader: the trader sees only its company's requests, never
 * a case or a score, answers with a file once however often it sends, and the thread shows in the
 * case about the company.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CasesApiIT {

    private static final String PASSWORD = "a-case-workers-password";
    private static final String OWNER = "case-owner";
    private static final String MEMBER = "case-member";
    private static final String OUTSIDER = "case-outsider";
    private static final String TRADER = "case-trader";
    private static final String COMPANY = "CASES-IT-C1";
    private static final int LOADERS = 50;
    private static final int POSTS_EACH = 12;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestStores.withoutSearch(registry, "cases-api-it");
    }

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    Driver driver;

    @Autowired
    customs.risk.cases.requests.InformationRequests requests;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void usersAndAnEntity() {
        user(OWNER, Role.INVESTIGATOR, null);
        user(MEMBER, Role.RISK_OFFICER, null);
        user(OUTSIDER, Role.INVESTIGATOR, null);
        user(TRADER, Role.TRADER, "CASES-IT-TRADER-CO");
        try (var session = driver.session()) {
            session.run("MERGE (:Company {id: $id, name: 'Case Test Trading'})", Map.of("id", COMPANY))
                    .consume();
        }
    }

    @Test
    void onlyTheTeamAndAdminsSeeACaseAndItsMessages() throws Exception {
        String id = newCase("Undervalued pumps", List.of(MEMBER));
        assertThat(send(
                                OWNER,
                                "POST",
                                "/api/cases/" + id + "/messages",
                                Map.of("text", "first lead", "clientId", "lead-1"))
                        .statusCode())
                .isEqualTo(201);

        for (String path : List.of("", "/messages", "/timeline")) {
            assertThat(send(OUTSIDER, "GET", "/api/cases/" + id + path, null).statusCode())
                    .as("outsider GET %s", path)
                    .isEqualTo(404);
        }
        assertThat(send(OUTSIDER, "POST", "/api/cases/" + id + "/messages", Map.of("text", "let me in"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(send(OUTSIDER, "POST", "/api/cases/" + id + "/members", Map.of("username", OUTSIDER))
                        .statusCode())
                .isEqualTo(404);
        assertThat(body(send(OUTSIDER, "GET", "/api/cases", null)))
                .noneMatch(c -> c.get("id").asString().equals(id));
        assertThat(send(TRADER, "GET", "/api/cases", null).statusCode()).isEqualTo(403);
        assertThat(send(TRADER, "GET", "/api/cases/" + id, null).statusCode()).isEqualTo(403);
        assertThat(messages(OUTSIDER, id, 0)).isNull();

        assertThat(messages(MEMBER, id, 0))
                .extracting(m -> m.get("text").asString())
                .containsExactly("first lead");
        assertThat(messages("admin", id, 0))
                .extracting(m -> m.get("text").asString())
                .containsExactly("first lead");
        var asAdmin = send("admin", "GET", "/api/cases/" + id, null);
        assertThat(asAdmin.statusCode()).isEqualTo(200);
        assertThat(json.readTree(asAdmin.body()).get("owner").asString()).isEqualTo(OWNER);
        assertThat(body(send(MEMBER, "GET", "/api/cases", null)))
                .anyMatch(c -> c.get("id").asString().equals(id));
        assertThat(send(MEMBER, "POST", "/api/cases/" + id + "/members", Map.of("username", TRADER))
                        .statusCode())
                .as("a trader cannot join a case")
                .isEqualTo(400);

        assertThat(body(send("admin", "GET", "/api/cases?scope=all&limit=500", null)))
                .as("an admin lists every case")
                .anyMatch(c -> c.get("id").asString().equals(id));
        assertThat(send(OWNER, "GET", "/api/cases?scope=all", null).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theCaseReportIsAPdfForTheTeamOnly() throws Exception {
        String id = newCase("Report for the prosecutor", List.of(MEMBER));

        var asMember = http.send(
                request(MEMBER, "/api/cases/" + id + "/report.pdf").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(asMember.statusCode()).isEqualTo(200);
        assertThat(asMember.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(asMember.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).contains("attachment", id + "-report.pdf"));
        assertThat(new String(asMember.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(send(OUTSIDER, "GET", "/api/cases/" + id + "/report.pdf", null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send(TRADER, "GET", "/api/cases/" + id + "/report.pdf", null).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theTimelineRecordsEachChangeWithItsActor() throws Exception {
        String id = newCase("Circular trade in HS 8471", List.of());
        send(OWNER, "POST", "/api/cases/" + id + "/members", Map.of("username", MEMBER));
        assertThat(send(MEMBER, "POST", "/api/cases/" + id + "/links", Map.of("entity", "Company:" + COMPANY))
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(MEMBER, "POST", "/api/cases/" + id + "/links", Map.of("entity", "Office:KRPUS"))
                        .statusCode())
                .isEqualTo(400);
        send(MEMBER, "POST", "/api/cases/" + id + "/notes", Map.of("text", "invoices look copied"));
        send(MEMBER, "PATCH", "/api/cases/" + id, Map.of("priority", "HIGH"));
        send(OWNER, "PATCH", "/api/cases/" + id, Map.of("status", "IN_PROGRESS"));
        assertThat(send(OWNER, "PATCH", "/api/cases/" + id, Map.of("status", "CLOSED"))
                        .statusCode())
                .as("closing needs an outcome")
                .isEqualTo(400);
        var handedOver = send(OWNER, "PATCH", "/api/cases/" + id, Map.of("owner", MEMBER));

        JsonNode view = json.readTree(handedOver.body());
        assertThat(view.get("owner").asString()).isEqualTo(MEMBER);
        assertThat(view.get("members").toString()).contains(OWNER).doesNotContain(MEMBER);
        assertThat(view.get("priority").asString()).isEqualTo("HIGH");
        assertThat(view.get("links").toString()).contains("Company:" + COMPANY);
        var timeline = body(send(OWNER, "GET", "/api/cases/" + id + "/timeline", null));
        assertThat(timeline)
                .extracting(e -> e.get("kind").asString() + " by "
                        + e.get("actor").asString() + ": " + e.get("detail").asString())
                .containsExactly(
                        "CREATED by " + OWNER + ": Circular trade in HS 8471",
                        "MEMBER_ADDED by " + OWNER + ": " + MEMBER,
                        "ENTITY_LINKED by " + MEMBER + ": Case Test Trading (Company:" + COMPANY + ")",
                        "NOTE by " + MEMBER + ": invoices look copied",
                        "PRIORITY_CHANGED by " + MEMBER + ": MEDIUM -> HIGH",
                        "STATUS_CHANGED by " + OWNER + ": OPEN -> IN_PROGRESS",
                        "OWNER_CHANGED by " + OWNER + ": " + OWNER + " -> " + MEMBER);
        assertThat(timeline).allMatch(e -> !e.get("at").asString().isEmpty());
    }

    @Test
    void readingAClosedCaseIsAudited() throws Exception {
        String id = newCase("Phoenix company", List.of(MEMBER));
        assertThat(send(OWNER, "GET", "/api/cases/" + id, null).statusCode()).isEqualTo(200);
        assertThat(auditReads(id)).as("reads of an open case are not audited").isEmpty();

        var closed = json.readTree(send(
                        OWNER,
                        "PATCH",
                        "/api/cases/" + id,
                        Map.of("status", "CLOSED", "outcome", "referred to prosecution"))
                .body());
        assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.get("outcome").asString()).isEqualTo("referred to prosecution");
        assertThat(closed.get("closedAt").isNull()).isFalse();
        send(MEMBER, "GET", "/api/cases/" + id, null);
        send("admin", "GET", "/api/cases/" + id + "/messages", null);
        assertThat(send(OWNER, "POST", "/api/cases/" + id + "/messages", Map.of("text", "late"))
                        .statusCode())
                .isEqualTo(409);

        // The owner's own look at the timeline is a read of the closed case too, and is in it.
        assertThat(auditReads(id)).containsExactly(MEMBER, TestAdmin.USERNAME, OWNER);
        var reopened = json.readTree(send(OWNER, "PATCH", "/api/cases/" + id, Map.of("status", "OPEN"))
                .body());
        assertThat(reopened.get("outcome").isNull()).isTrue();
    }

    @Test
    void editAndDeleteKeepTheHistoryAndOnlyTheAuthorMayDoThem() throws Exception {
        String id = newCase("Mis-declared origin", List.of(MEMBER));
        JsonNode posted = json.readTree(send(
                        OWNER,
                        "POST",
                        "/api/cases/" + id + "/messages",
                        Map.of("text", "@case-member please pull the 2024 invoices", "clientId", "edit-1"))
                .body());
        String messageId = posted.get("id").asString();
        assertThat(posted.get("mentions").toString()).isEqualTo("[\"" + MEMBER + "\"]");
        String path = "/api/cases/" + id + "/messages/" + messageId;

        assertThat(send(MEMBER, "PATCH", path, Map.of("text", "forged")).statusCode())
                .isEqualTo(403);
        assertThat(send("admin", "DELETE", path, null).statusCode()).isEqualTo(403);
        JsonNode edited = json.readTree(send(OWNER, "PATCH", path, Map.of("text", "pull the 2023 invoices"))
                .body());
        assertThat(edited.get("text").asString()).isEqualTo("pull the 2023 invoices");
        assertThat(edited.get("editedAt").isNull()).isFalse();
        assertThat(edited.get("mentions").toString()).isEqualTo("[]");
        JsonNode deleted = json.readTree(send(OWNER, "DELETE", path, null).body());
        assertThat(deleted.get("deleted").asBoolean()).isTrue();
        assertThat(deleted.get("text").asString()).isEmpty();
        assertThat(send(OWNER, "PATCH", path, Map.of("text", "again")).statusCode())
                .isEqualTo(409);

        assertThat(body(send(MEMBER, "GET", path + "/history", null)))
                .extracting(v -> v.get("text").asString())
                .containsExactly("@case-member please pull the 2024 invoices", "pull the 2023 invoices");
        assertThat(messages(MEMBER, id, 0)).singleElement().satisfies(m -> {
            assertThat(m.get("seq").asLong()).isEqualTo(1);
            assertThat(m.get("deleted").asBoolean()).isTrue();
        });
        assertThat(body(send(OWNER, "GET", "/api/cases/" + id + "/timeline", null)))
                .extracting(e -> e.get("kind").asString())
                .contains("MESSAGE_EDITED", "MESSAGE_DELETED");
    }

    @Test
    void aRetriedPostWithTheSameClientIdYieldsOneMessage() throws Exception {
        String id = newCase("Retries", List.of());
        var first = send(OWNER, "POST", "/api/cases/" + id + "/messages", Map.of("text", "once", "clientId", "c-1"));
        var retry = send(OWNER, "POST", "/api/cases/" + id + "/messages", Map.of("text", "once", "clientId", "c-1"));
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(json.readTree(retry.body()).get("id").asString())
                .isEqualTo(json.readTree(first.body()).get("id").asString());

        try (var pool = Executors.newFixedThreadPool(8)) {
            var racing = new ArrayList<Future<HttpResponse<String>>>();
            for (int i = 0; i < 8; i++) {
                racing.add(pool.submit(() -> send(
                        OWNER, "POST", "/api/cases/" + id + "/messages", Map.of("text", "twice?", "clientId", "c-2"))));
            }
            var ids = new HashSet<String>();
            for (var answer : racing) {
                ids.add(json.readTree(answer.get(60, TimeUnit.SECONDS).body())
                        .get("id")
                        .asString());
            }
            assertThat(ids).as("concurrent retries of one post").hasSize(1);
        }
        assertThat(messages(OWNER, id, 0))
                .extracting(m -> m.get("clientId").asString() + "#" + m.get("seq"))
                .containsExactly("c-1#1", "c-2#2");
    }

    @Test
    void unreadCountsFollowWhatEachMemberFetched() throws Exception {
        String id = newCase("Unread", List.of(MEMBER));
        for (int i = 1; i <= 3; i++) {
            send(OWNER, "POST", "/api/cases/" + id + "/messages", Map.of("text", "news " + i, "clientId", "u-" + i));
        }
        assertThat(unread(MEMBER, id)).isEqualTo(3);
        assertThat(unread(OWNER, id)).as("one's own messages are read").isZero();
        assertThat(messages(MEMBER, id, 1)).hasSize(2);
        assertThat(unread(MEMBER, id)).isZero();

        String reply = json.readTree(send(
                                MEMBER,
                                "POST",
                                "/api/cases/" + id + "/messages",
                                Map.of("text", "noted", "clientId", "u-4"))
                        .body())
                .get("id")
                .asString();
        send(MEMBER, "POST", "/api/cases/" + id + "/messages", Map.of("text", "and more", "clientId", "u-5"));
        assertThat(unread(OWNER, id)).isEqualTo(2);
        send(MEMBER, "DELETE", "/api/cases/" + id + "/messages/" + reply, null);
        assertThat(unread(OWNER, id))
                .as("a deleted message is not waiting to be read")
                .isEqualTo(1);
    }

    /**
     * 50 members each post 12 messages, one after the other, all members at once, each also retrying
     * one post as a client would after a lost answer: exactly 600 messages (two pages), seq 1..600
     * without a gap, no clientId twice, and every member's messages in the order that member sent them.
     */
    @Test
    void fiftyMembersPostingAtOnceLoseDuplicateAndReorderNothing() throws Exception {
        var members = new ArrayList<String>();
        for (int i = 0; i < LOADERS; i++) {
            String name = "case-loader-%02d".formatted(i);
            user(name, Role.INSPECTOR, null);
            members.add(name);
        }
        String id = newCase("Load", members);

        var tasks = new ArrayList<Callable<Void>>();
        for (String member : members) {
            tasks.add(() -> {
                for (int n = 0; n < POSTS_EACH; n++) {
                    var message = Map.of("text", member + " #" + n, "clientId", member + "/" + n);
                    var answer = send(member, "POST", "/api/cases/" + id + "/messages", message);
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
                    if (n == POSTS_EACH / 2) {
                        assertThat(send(member, "POST", "/api/cases/" + id + "/messages", message)
                                        .statusCode())
                                .isEqualTo(200);
                    }
                }
                return null;
            });
        }
        try (var pool = Executors.newFixedThreadPool(LOADERS)) {
            for (var done : pool.invokeAll(tasks, 5, TimeUnit.MINUTES)) {
                done.get();
            }
        }

        var all = new ArrayList<JsonNode>(messages(OWNER, id, 0));
        all.addAll(messages(OWNER, id, all.getLast().get("seq").asLong()));
        assertThat(all).hasSize(LOADERS * POSTS_EACH);
        assertThat(all)
                .extracting(m -> m.get("seq").asLong())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, LOADERS * POSTS_EACH)
                        .boxed()
                        .toList());
        assertThat(all.stream().map(m -> m.get("clientId").asString()).distinct())
                .hasSize(LOADERS * POSTS_EACH);
        var sentOrder = new HashMap<String, List<Integer>>();
        for (JsonNode m : all) {
            String[] text = m.get("text").asString().split(" #");
            assertThat(text[0]).isEqualTo(m.get("author").asString());
            sentOrder.computeIfAbsent(text[0], k -> new ArrayList<>()).add(Integer.parseInt(text[1]));
        }
        assertThat(sentOrder)
                .hasSize(LOADERS)
                .allSatisfy((member, order) -> assertThat(order)
                        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, POSTS_EACH)
                                .boxed()
                                .toList()));
        assertThat(json.readTree(send(OWNER, "GET", "/api/cases/" + id, null).body())
                        .get("lastSeq")
                        .asLong())
                .isEqualTo(LOADERS * POSTS_EACH);
    }

    @Test
    void aTraderAnswersItsCompanysRequestWithAFileAndTheThreadShowsInTheCase() throws Exception {
        String company = "CASES-IT-TRADER-CO";
        user("case-other-trader", Role.TRADER, "CASES-IT-OTHER-CO");
        try (var session = driver.session()) {
            session.run("MERGE (:Company {id: $id, name: 'Trader Test Co'})", Map.of("id", company))
                    .consume();
        }
        var refused = send(
                TRADER,
                "POST",
                "/api/requests",
                Map.of("companyId", company, "question", "May I ask myself?", "deadline", "2099-01-01"));
        assertThat(refused.statusCode()).as("traders do not ask").isEqualTo(403);
        var asked = send(
                OWNER,
                "POST",
                "/api/requests",
                Map.of(
                        "companyId",
                        company,
                        "question",
                        "Who signed your sales contracts in 2024?",
                        "deadline",
                        java.time.LocalDate.now().plusDays(10).toString()));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        String id = json.readTree(asked.body()).get("id").asString();
        String caseId = newCase("Who runs Trader Test Co", List.of());
        assertThat(send(OWNER, "POST", "/api/cases/" + caseId + "/links", Map.of("entity", "Company:" + company))
                        .statusCode())
                .isEqualTo(200);

        assertThat(body(send(TRADER, "GET", "/api/requests", null)))
                .extracting(r -> r.get("id").asString())
                .containsExactly(id);
        assertThat(body(send("case-other-trader", "GET", "/api/requests", null)))
                .isEmpty();
        assertThat(send("case-other-trader", "GET", "/api/requests/" + id, null).statusCode())
                .isEqualTo(404);
        String seen = send(TRADER, "GET", "/api/requests/" + id, null).body();
        assertThat(seen).contains("Who signed").doesNotContain(caseId).doesNotContainIgnoringCase("score");

        for (int attempt = 0; attempt < 2; attempt++) {
            var answer = http.send(
                    customs.risk.app.documents.Multipart.post(
                            request(TRADER, "/api/requests/" + id + "/messages"),
                            Map.of("text", "Our director, Kim Lee.", "clientId", "answer-1"),
                            "signatures.txt",
                            "Kim Lee, director".getBytes(StandardCharsets.UTF_8)),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(attempt == 0 ? 201 : 200);
        }
        var thread =
                json.readTree(send(OWNER, "GET", "/api/requests/" + id, null).body());
        assertThat(thread.get("request").get("status").asString()).isEqualTo("ANSWERED");
        assertThat(thread.get("messages")).hasSize(1);
        assertThat(thread.get("messages")
                        .get(0)
                        .get("attachments")
                        .get(0)
                        .get("fileName")
                        .asString())
                .isEqualTo("signatures.txt");
        assertThat(requests.forCase(new customs.risk.graph.access.Actor(OWNER, false), caseId))
                .extracting(customs.risk.cases.requests.InformationRequest::id)
                .containsExactly(id);
        assertThat(requests.forCase(new customs.risk.graph.access.Actor(OUTSIDER, false), caseId))
                .as("not on the case")
                .isEmpty();

        assertThat(send(OWNER, "POST", "/api/requests/" + id + "/close", null).statusCode())
                .isEqualTo(200);
        assertThat(send(TRADER, "POST", "/api/requests/" + id + "/messages", Map.of("text", "One more thing"))
                        .statusCode())
                .as("closed")
                .isEqualTo(409);
    }

    private void user(String name, Role role, String company) {
        if (accounts.find(name).isEmpty()) {
            accounts.create(name, PASSWORD, Set.of(role), company);
        }
    }

    private String newCase(String title, List<String> members) throws Exception {
        var created = send(OWNER, "POST", "/api/cases", Map.of("title", title, "members", members));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asString();
    }

    /** Who read the case while closed, in order. */
    private List<String> auditReads(String id) throws Exception {
        return body(send(OWNER, "GET", "/api/cases/" + id + "/timeline", null)).stream()
                .filter(e -> e.get("kind").asString().equals("AUDIT_READ"))
                .map(e -> e.get("actor").asString())
                .toList();
    }

    /** A page of up to 500 messages; null when the case is refused. */
    private List<JsonNode> messages(String user, String id, long after) throws Exception {
        var answer = send(user, "GET", "/api/cases/" + id + "/messages?limit=500&after=" + after, null);
        return answer.statusCode() == 200 ? body(answer) : null;
    }

    private long unread(String user, String id) throws Exception {
        return body(send(user, "GET", "/api/cases/unread", null)).stream()
                .filter(u -> u.get("caseId").asString().equals(id))
                .findFirst()
                .orElseThrow()
                .get("unread")
                .asLong();
    }

    private List<JsonNode> body(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var list = new ArrayList<JsonNode>();
        json.readTree(answer.body()).forEach(list::add);
        return list;
    }

    private HttpRequest.Builder request(String user, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", user.equals("admin") ? TestAdmin.basic() : TestAdmin.basic(user, PASSWORD));
    }

    private HttpResponse<String> send(String user, String method, String path, Object body) throws Exception {
        var request = request(user, path)
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
