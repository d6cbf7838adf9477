package customs.risk.app.filing;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.app.TestStores;
import customs.risk.app.security.TestAdmin;
import customs.risk.cases.team.UserAccounts;
import customs.risk.client.RiskClient;
import customs.risk.graph.access.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Filing over the API and with the installed client, against the whole application on embedded
 * Neo4j: a trader's batch of declarations with bad and foreign rows, an inspector's results with a
 * photo, the mistakes a body can have, and the client queuing while the server is down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FilingIT {

    private static final String TRADER = "fil-trader";
    private static final String INSPECTOR = "fil-inspector";
    private static final String PASSWORD = "filing-password-long";
    private static final String HEADER =
            "declaration_id,filed_on,direction,office_code,seller_id,buyer_id,hs_code,origin_country,quantity,declared_value";

    private static final String BATCH_DECLARATIONS =
            "MATCH (d:Declaration) WHERE d.id IN ['FIL-1', 'FIL-2', 'FIL-3', 'FIL-4', 'FIL-OTHER'] RETURN count(d)";

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        TestStores.withoutSearch(registry, "filing-it");
    }

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    Driver driver;

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void usersAndAnotherTradersItem() {
        if (accounts.find(TRADER).isEmpty()) {
            accounts.create(TRADER, PASSWORD, Set.of(Role.TRADER), "FIL-T1");
            accounts.create(INSPECTOR, PASSWORD, Set.of(Role.INSPECTOR), null);
        }
        try (var session = driver.session()) {
            session.run("""
                    MERGE (x:Company {id: 'FIL-X'}) MERGE (y:Company {id: 'FIL-Y'})
                    MERGE (d:Declaration {id: 'FIL-OTHER'}) SET d.filedOn = date('2024-01-01'), d.quantity = 7.0
                    MERGE (d)-[:SOLD_BY]->(x) MERGE (d)-[:BOUGHT_BY]->(y)
                    """).consume();
        }
    }

    private static String row(String id, String seller, String buyer, String quantity) {
        return id + ",2024-03-31,IMPORT,KRPUS," + seller + "," + buyer + ",847130,CN," + quantity + ",1200.50";
    }

    @Test
    void aTradersBatchLoadsTheGoodRowsReportsTheOthersAndARepeatChangesNothing() throws Exception {
        String csv = String.join(
                "\n",
                HEADER,
                row("FIL-1", "FIL-S1", "FIL-T1", "10"),
                row("FIL-2", "FIL-S1", "FIL-T1", "-3"),
                row("FIL-3", "FIL-X", "FIL-Y", "10"),
                row("FIL-OTHER", "FIL-S1", "FIL-T1", "99"),
                row("FIL-4", "FIL-T1", "FIL-B1", "5"));

        var first = post("/api/my/declarations", TRADER, "text/csv", csv);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body())
                .contains("\"received\":5", "\"saved\":2", "\"refused\":3")
                .contains("{\"line\":3,\"column\":\"quantity\",\"value\":\"-3\",\"reason\":\"must be greater than 0\","
                        + "\"severity\":\"REJECTED\"}")
                .contains("{\"line\":4,\"column\":\"buyer_id\",\"value\":\"FIL-Y\","
                        + "\"reason\":\"your company FIL-T1 must be the buyer, seller or declarant\"")
                .contains("{\"line\":5,\"column\":\"declaration_id\",\"value\":\"FIL-OTHER\","
                        + "\"reason\":\"declaration FIL-OTHER exists and belongs to another trader\"")
                .doesNotContainIgnoringCase("score")
                .doesNotContainIgnoringCase("lane")
                .doesNotContain("FIL-X");
        assertThat(count(BATCH_DECLARATIONS)).isEqualTo(3);
        assertThat(count("MATCH (d:Declaration {id: 'FIL-OTHER'}) WHERE d.quantity = 7.0 RETURN count(d)"))
                .as("another trader's item is untouched")
                .isOne();

        var again = post("/api/my/declarations", TRADER, "text/csv", csv);
        assertThat(again.body()).contains("\"received\":5", "\"saved\":2", "\"refused\":3");
        assertThat(count(BATCH_DECLARATIONS)).isEqualTo(3);

        var json = post("/api/my/declarations", TRADER, "application/json", """
                [{"declaration_id": "FIL-1", "filed_on": "2024-03-31", "direction": "IMPORT", "office_code": "KRPUS",
                  "seller_id": "FIL-S1", "buyer_id": "FIL-T1", "hs_code": "847130", "origin_country": "CN",
                  "quantity": 12, "declared_value": "1200.50"},
                 {"declaration_id": "FIL-5", "buyer_id": "FIL-T1", "filed_on": "2024-13-01"}]
                """);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body())
                .contains("\"received\":2", "\"saved\":1", "\"refused\":1")
                .contains("{\"line\":2,\"column\":\"filed_on\",\"value\":\"2024-13-01\"");
        assertThat(count("MATCH (d:Declaration {id: 'FIL-1'}) WHERE d.quantity = 12.0 RETURN count(d)"))
                .as("a corrected item replaces the old one")
                .isOne();
    }

    @Test
    void aMistakeInTheBodyIsOneLineOfError() throws Exception {
        assertThat(post("/api/my/declarations", TRADER, "application/json", "[{\"declaration_id\": "))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400))
                .satisfies(r -> assertThat(r.body()).contains("malformed JSON").doesNotContain("\tat "));
        assertThat(post("/api/my/declarations", TRADER, "application/json", "{\"declaration_id\": \"X\"}")
                        .body())
                .contains("the body must be a JSON array of objects");
        assertThat(post("/api/my/declarations", TRADER, "text/csv", "declaration_id,filed_on\nX,2024-01-01\n"))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400))
                .satisfies(r -> assertThat(r.body()).contains("wrong header: required column(s) direction"));
        assertThat(post("/api/my/declarations", TRADER, "text/plain", "hello").statusCode())
                .isEqualTo(415);
        var tooMany = new StringBuilder(HEADER);
        for (int i = 0; i <= 10_000; i++) {
            tooMany.append('\n').append(row("FIL-MANY-" + i, "FIL-S1", "FIL-T1", "1"));
        }
        assertThat(post("/api/my/declarations", TRADER, "text/csv", tooMany.toString()))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(413))
                .satisfies(r -> assertThat(r.body()).contains("too many rows: at most 10,000"));
        assertThat(count("MATCH (d:Declaration) WHERE d.id STARTS WITH 'FIL-MANY-' RETURN count(d)"))
                .isZero();
    }

    @Test
    void anInspectorsResultWithAPhotoIsFoundAmongTheDeclarationsDocuments() throws Exception {
        post("/api/my/declarations", TRADER, "text/csv", HEADER + "\n" + row("FIL-INSP", "FIL-S1", "FIL-T1", "10"));
        String rows = """
                declaration_id,inspected_on,outcome,violation_type,revenue_recovered,inspector
                FIL-INSP,2024-04-02,VIOLATION,UNDERVALUATION,350.00,J. Kim
                FIL-NOWHERE,2024-04-02,COMPLIANT,,,J. Kim
                """;
        byte[] photo = "not really a JPEG, but bytes of a photo".getBytes(StandardCharsets.UTF_8);

        var filed = http.send(
                multipart(INSPECTOR, rows, Map.of("photo:FIL-INSP", photo, "photo:FIL-NOWHERE", photo)),
                HttpResponse.BodyHandlers.ofString());

        assertThat(filed.statusCode()).isEqualTo(200);
        assertThat(filed.body())
                .contains("\"received\":2", "\"saved\":1", "\"refused\":1")
                .contains("\"reason\":\"unknown declaration: it is neither in this bundle nor in the store\"")
                .contains("\"column\":\"photo\",\"value\":\"FIL-NOWHERE.jpg\"")
                .contains("\"declarationId\":\"FIL-INSP\",\"fileName\":\"FIL-INSP.jpg\",\"documentId\":\"PHOTO-");
        var timeline = http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://localhost:" + port + "/api/network/entities/Declaration/FIL-INSP/timeline"))
                        .header("Authorization", TestAdmin.basic())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(timeline.body()).contains("\"title\":\"document FIL-INSP.jpg\"", "\"detail\":\"PHOTO PHOTO-");
        assertThat(count("MATCH (:Declaration {id: 'FIL-INSP'})<-[:OF]-(i:Inspection) RETURN count(i)"))
                .isOne();

        var again = http.send(
                multipart(INSPECTOR, rows, Map.of("photo:FIL-INSP", photo)), HttpResponse.BodyHandlers.ofString());
        assertThat(again.body()).contains("\"saved\":1");
        assertThat(count("MATCH (d:Document)-[:SUPPORTS]->(:Declaration {id: 'FIL-INSP'}) RETURN count(d)"))
                .as("the same photo again files nothing new")
                .isOne();

        assertThat(post("/api/inspections", TRADER, "text/csv", rows).statusCode())
                .as("a trader records no inspection")
                .isEqualTo(403);
        assertThat(post("/api/inspections", INSPECTOR, "text/csv", rows).body())
                .contains("\"received\":2", "\"saved\":1");
    }

    @Test
    void theInstalledClientQueuesWhileTheServerIsDownThenSendsEachFileOnce() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("outbox"));
        Files.writeString(
                folder.resolve("march.csv"),
                String.join(
                        "\n",
                        HEADER,
                        row("FIL-CLI-1", "FIL-S1", "FIL-T1", "10"),
                        row("FIL-CLI-2", "FIL-S1", "FIL-T1", "-1")));
        Files.writeString(folder.resolve("april.csv"), HEADER + "\n" + row("FIL-CLI-3", "FIL-T1", "FIL-B1", "4"));
        Path queue = temp.resolve("queue");
        int deadPort;
        try (var socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }

        var down = client("http://127.0.0.1:" + deadPort, folder, queue, "--attempts", "2");
        assertThat(down.code()).isEqualTo(RiskClient.STILL_QUEUED);
        assertThat(down.err()).contains("april.csv not sent: cannot reach");
        try (var pending = Files.list(queue.resolve("pending"))) {
            assertThat(pending.toList()).hasSize(2);
        }

        var up = client("http://localhost:" + port, folder, queue);
        assertThat(up.code()).isEqualTo(RiskClient.ALL_SENT);
        assertThat(up.out())
                .contains("april.csv: 1 received, 1 saved, 0 refused")
                .contains("march.csv: 2 received, 1 saved, 1 refused")
                .contains("REJECTED line 3, quantity \"-1\": must be greater than 0")
                .contains("2 file(s) sent, 0 still queued");
        assertThat(count("MATCH (d:Declaration) WHERE d.id STARTS WITH 'FIL-CLI-' RETURN count(d)"))
                .isEqualTo(2);

        var twice = client("http://localhost:" + port, folder, queue);
        assertThat(twice.code()).isEqualTo(RiskClient.ALL_SENT);
        assertThat(twice.out()).contains("0 file(s) sent, 0 still queued");
        assertThat(count("MATCH (d:Declaration) WHERE d.id STARTS WITH 'FIL-CLI-' RETURN count(d)"))
                .isEqualTo(2);

        Path another = Files.createDirectories(temp.resolve("another"));
        Files.writeString(another.resolve("may.csv"), HEADER + "\n" + row("FIL-CLI-4", "FIL-T1", "FIL-B1", "4"));
        var refused = client("http://localhost:" + port, another, queue, "--user", "nobody");
        assertThat(refused.code()).isEqualTo(RiskClient.WRONG_USE);
        assertThat(refused.err()).isEqualTo("risk-client: the server refused the login of nobody\n");
        try (var pending = Files.list(queue.resolve("pending"))) {
            assertThat(pending.toList()).as("kept for the next run").hasSize(1);
        }
    }

    private record Run(int code, String out, String err) {}

    private Run client(String server, Path folder, Path queue, String... more) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var args = new java.util.ArrayList<>(
                java.util.List.of("submit", "--server", server, "--user", TRADER, "--queue", queue.toString()));
        args.addAll(java.util.List.of(more));
        args.add(folder.toString());
        int code = RiskClient.run(
                args.toArray(String[]::new),
                Map.of("RISK_PASSWORD", PASSWORD),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path, String user) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestAdmin.basic(user, PASSWORD));
    }

    private HttpResponse<String> post(String path, String user, String contentType, String body)
            throws IOException, InterruptedException {
        return http.send(
                request(path, user)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest multipart(String user, String rows, Map<String, byte[]> photos) throws IOException {
        String boundary = "FilingBoundary";
        var body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"rows\"; filename=\"rows.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\n" + rows + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        for (var photo : photos.entrySet()) {
            String fileName = photo.getKey().substring("photo:".length()) + ".jpg";
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + photo.getKey()
                            + "\"; filename=\"" + fileName + "\"\r\nContent-Type: image/jpeg\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(photo.getValue());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return request("/api/inspections", user)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }

    private long count(String cypher) {
        try (var session = driver.session()) {
            return session.run(cypher).single().get(0).asLong();
        }
    }
}
