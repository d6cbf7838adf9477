package customs.risk.cases.alerts;

import static customs.risk.cases.alerts.AlertBundles.COMPANIES;
import static customs.risk.cases.alerts.AlertBundles.DECLARATIONS;
import static customs.risk.cases.alerts.AlertBundles.OFFICES;
import static customs.risk.cases.alerts.AlertBundles.declaration;
import static customs.risk.cases.alerts.AlertBundles.load;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import customs.risk.app.RiskApplication;
import customs.risk.app.security.TestAdmin;
import customs.risk.cases.CaseService;
import customs.risk.cases.team.UserAccounts;
import customs.risk.engine.ranking.Lane;
import customs.risk.engine.ranking.RankingFilter;
import customs.risk.graph.TestFolders;
import customs.risk.graph.access.Actor;
import customs.risk.graph.access.Role;
import customs.risk.ingest.jobs.IngestJob;
import customs.risk.ingest.jobs.IngestJobs;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every trigger of a watch, on the real graph and search engine, with bundles loaded as an
 * officer's upload is and mail caught by GreenMail: each raises one alert per watcher, however
 * often the sweep runs; a muted watch stays silent; mails go grouped, at once or as a digest.
 */
@SpringBootTest(classes = RiskApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AlertsIT {

    private static final int SMTP_PORT = freePort();
    private static GreenMail mail;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        var dataDir = TestFolders.temporary("alerts-it");
        registry.add("risk.data-dir", dataDir::toString);
        TestAdmin.register(registry);
        registry.add("risk.mail.enabled", () -> "true");
        registry.add("risk.alerts.mail-interval", () -> "200ms");
        registry.add("risk.alerts.mails-per-hour", () -> "3");
        // Digests go when the test sends them, not at the first tick after the daily hour.
        registry.add("risk.alerts.digest-at", () -> "23:59:59");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @BeforeAll
    static void startMail() {
        mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
    }

    @AfterAll
    static void stopMail() {
        mail.stop();
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Autowired
    AlertService alerts;

    @Autowired
    AlertMailer mailer;

    @Autowired
    IngestJobs jobs;

    @Autowired
    UserAccounts accounts;

    @Autowired
    CaseService cases;

    @Autowired
    Driver driver;

    private Actor user(String name, Watch.Mail mailChoice) {
        accounts.create(name, "an-alerts-password", Set.of(Role.INVESTIGATOR), null);
        accounts.setEmail(name, name + "@customs.test");
        alerts.setMailChoice(name, mailChoice);
        return new Actor(name, false);
    }

    /** The changes of this kind the user was told of, over all alerts. */
    private List<Alert.Item> alertsOf(Actor user, Alert.Kind kind) {
        return alerts.groups(user, false, 0, 100).stream()
                .filter(g -> g.kind() == kind)
                .flatMap(g -> g.alerts().stream())
                .flatMap(a -> a.items().stream())
                .toList();
    }

    private String watchOf(Actor user, Alert.Kind kind) {
        return alerts.groups(user, false, 0, 100).stream()
                .filter(g -> g.kind() == kind)
                .map(Alert.Group::watchId)
                .findFirst()
                .orElseThrow();
    }

    private long count(Actor user) {
        return alerts.groups(user, false, 0, 1000).stream()
                .mapToLong(Alert.Group::count)
                .sum();
    }

    @Test
    void aNewDeclarationRaisesOneAlertPerWatcherAndAMutedWatchStaysSilent() {
        var ana = user("decl-ana", Watch.Mail.OFF);
        var ben = user("decl-ben", Watch.Mail.OFF);
        var mia = user("decl-mia", Watch.Mail.OFF);
        load(
                jobs,
                Map.of(
                        "offices.csv", OFFICES,
                        "companies.csv",
                                COMPANIES + "D-ACME,Acme Pump Trading,KR,,,\n" + "D-SUP,Shenzhen Valve Works,CN,,,\n",
                        "declarations.csv", DECLARATIONS + declaration("D-OLD", "D-SUP", "D-ACME", "841370", "CN")));
        alerts.watch(ana, Watch.Request.entity("Company:D-ACME"));
        alerts.watch(ben, Watch.Request.entity("Company:D-ACME"));
        var muted = alerts.watch(mia, Watch.Request.entity("Company:D-ACME"));
        alerts.change(mia, muted.id(), true, null, null, null);
        // Ana also follows the company through her case: still one alert for her.
        cases.create(ana, "Pumps", null, List.of("Company:D-ACME"), List.of());

        IngestJob job = load(
                jobs,
                Map.of("declarations.csv", DECLARATIONS + declaration("D-NEW", "D-SUP", "D-ACME", "841370", "CN")));

        assertThat(job.alerts()).contains("new alerts");
        for (var watcher : List.of(ana, ben)) {
            var found = alertsOf(watcher, Alert.Kind.DECLARATION);
            assertThat(found).as(watcher.username()).hasSize(1);
            assertThat(found.getFirst().link()).isEqualTo("/entity/Declaration/D-NEW");
            assertThat(found.getFirst().title()).isEqualTo("New declaration of Acme Pump Trading (D-ACME)");
            assertThat(found.getFirst().detail())
                    .contains("Shenzhen Valve Works (D-SUP) -> Acme Pump Trading (D-ACME)");
        }
        assertThat(count(mia)).isZero();
        assertThat(alerts.watches(ana)).hasSize(2);
        var caseWatch = alerts.watches(ana).stream()
                .filter(w -> w.caseId() != null)
                .findFirst()
                .orElseThrow();
        assertThat(caseWatch.entity()).isEqualTo("Company:D-ACME");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> alerts.unwatch(ana, caseWatch.id()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mute it instead");

        alerts.sweep();
        alerts.sweep();
        assertThat(alertsOf(ana, Alert.Kind.DECLARATION)).hasSize(1);
        assertThat(alertsOf(ben, Alert.Kind.DECLARATION)).hasSize(1);
        assertThat(alerts.unread(ana)).isEqualTo(1);
        assertThat(alerts.acknowledge(
                        ana, alerts.groups(ana, false, 0, 10).getFirst().group()))
                .isEqualTo(1);
        assertThat(alerts.unread(ana)).isZero();
        assertThat(alerts.unread(ben)).isEqualTo(1);
    }

    @Test
    void aLaneReachingTheThresholdAlertsOnceAndAgainOnlyAfterFallingBack() {
        var ana = user("lane-ana", Watch.Mail.OFF);
        load(
                jobs,
                Map.of(
                        "offices.csv", OFFICES,
                        "companies.csv",
                                COMPANIES + "L-ACME,Lane Testing Imports,KR,,,\n" + "L-SUP,Lane Supplier,CN,,,\n",
                        "declarations.csv", DECLARATIONS + declaration("L-1", "L-SUP", "L-ACME", "841370", "CN")));
        setScore("L-ACME", 0.3, "GREEN");
        alerts.watch(ana, Watch.Request.entity("Company:L-ACME").withThresholds(Lane.YELLOW, null));

        setScore("L-ACME", 0.55, "YELLOW");
        alerts.sweep();
        setScore("L-ACME", 0.8, "RED");
        alerts.sweep();
        assertThat(alertsOf(ana, Alert.Kind.THRESHOLD)).hasSize(1);
        assertThat(alertsOf(ana, Alert.Kind.THRESHOLD).getFirst().title())
                .isEqualTo("Lane Testing Imports (L-ACME) is now YELLOW (0.55)");

        setScore("L-ACME", 0.2, "GREEN");
        alerts.sweep();
        setScore("L-ACME", 0.9, "RED");
        alerts.sweep();
        assertThat(alertsOf(ana, Alert.Kind.THRESHOLD)).hasSize(2);
    }

    @Test
    void aNewOfficerASharedPhoneWithARedCompanyAndAMergedRecordAreControlChanges() {
        var ana = user("ctl-ana", Watch.Mail.OFF);
        var ben = user("ctl-ben", Watch.Mail.OFF);
        load(
                jobs,
                Map.of(
                        "companies.csv",
                        COMPANIES
                                + "C-ACME,Control Harbour Logistics,KR,,12 Harbour Road Busan,+82 51 555 0101\n"
                                + "C-RED,Scarlet Front Trading,KR,,99 Other Street Seoul,+82 2 555 0199\n",
                        "people.csv",
                        "person_id,name\nP-KIM,Kim Min-jun\nP-NEW,Park Ji-ho\n",
                        "officers.csv",
                        "company_id,person_id,role\nC-ACME,P-KIM,DIRECTOR\n"));
        setScore("C-RED", 0.95, "RED");
        alerts.watch(ana, Watch.Request.entity("Company:C-ACME"));
        alerts.watch(ben, Watch.Request.entity("Person:P-NEW"));

        load(
                jobs,
                Map.of(
                        "officers.csv",
                        "company_id,person_id,role\nC-ACME,P-NEW,SHAREHOLDER\n",
                        "companies.csv",
                        COMPANIES + "C-RED,Scarlet Front Trading,KR,,99 Other Street Seoul,+82 51 555 0101\n"));
        alerts.sweep();

        var control = alertsOf(ana, Alert.Kind.CONTROL);
        assertThat(control)
                .extracting(Alert.Item::detail)
                .containsExactlyInAnyOrder(
                        "Park Ji-ho (P-NEW) is shareholder of Control Harbour Logistics",
                        "shares phone +82 51 555 0101 with red company Scarlet Front Trading (C-RED)");
        assertThat(control).extracting(Alert.Item::link).contains("/entity/Person/P-NEW", "/entity/Company/C-RED");
        assertThat(alertsOf(ben, Alert.Kind.CONTROL)).singleElement().satisfies(a -> {
            assertThat(a.detail()).isEqualTo("Park Ji-ho (P-NEW) is shareholder of Control Harbour Logistics (C-ACME)");
            assertThat(a.link()).isEqualTo("/entity/Company/C-ACME");
        });

        // Entity resolution joins a second record to the watched firm.
        load(jobs, Map.of("companies.csv", COMPANIES + "C-ACME2,Control Harbour Logistics Co.,KR,,,\n"));
        try (var session = driver.session()) {
            session.run("""
                    MERGE (p:Party {id: 'C-ACME'})
                    WITH p MATCH (c:Company) WHERE c.id IN ['C-ACME', 'C-ACME2']
                    SET c.party = 'C-ACME' MERGE (c)-[:SAME_AS]->(p)
                    """).consume();
        }
        alerts.sweep();
        alerts.sweep();
        assertThat(alertsOf(ana, Alert.Kind.MERGE)).singleElement().satisfies(a -> {
            assertThat(a.title()).isEqualTo("Company record C-ACME2 joined Control Harbour Logistics (C-ACME)");
            assertThat(a.link()).isEqualTo("/entity/Company/C-ACME2");
        });
        assertThat(alertsOf(ana, Alert.Kind.CONTROL)).hasSize(2);
    }

    @Test
    void newDocumentsAboutAWatchedFirmAndNewHitsOfASavedSearchOrFilter() {
        var ana = user("doc-ana", Watch.Mail.OFF);
        load(
                jobs,
                Map.of(
                        "offices.csv",
                        OFFICES,
                        "companies.csv",
                        COMPANIES + "S-ACME,Sapphire Hydraulic Supplies,KR,,,\n" + "S-SUP,Ningbo Gear Works,CN,,,\n"
                                + "S-OTH,Unrelated Textiles,VN,,,\n"));
        alerts.watch(ana, Watch.Request.entity("Company:S-ACME"));
        var search = alerts.watch(
                ana, Watch.Request.search("pump invoices", new Watch.SavedSearch("hydraulic pump", List.of(), null)));
        var filter = alerts.watch(
                ana,
                Watch.Request.filter(
                        "Chinese pumps at Busan", new RankingFilter(null, "8413", "KRPUS", "CN", null, null)));

        load(
                jobs,
                Map.of(
                        "declarations.csv",
                        DECLARATIONS
                                + declaration("S-D1", "S-SUP", "S-OTH", "841370", "CN")
                                + declaration("S-D2", "S-SUP", "S-OTH", "620342", "CN")
                                + declaration("S-D3", "S-OTH", "S-OTH", "841370", "VN"),
                        "documents.csv",
                        "document_id,file,doc_type,declaration_id,company_id\n"
                                + "S-DOC1,letter.txt,OTHER,,S-OTH\n"
                                + "S-DOC2,unrelated.txt,OTHER,,S-OTH\n",
                        "letter.txt",
                        "We confirm the hydraulic pump order placed by Sapphire Hydraulic Supplies last week.",
                        "unrelated.txt",
                        "Cotton shirts, 400 pieces."));

        assertThat(alertsOf(ana, Alert.Kind.DOCUMENT)).singleElement().satisfies(a -> {
            assertThat(a.link()).isEqualTo("/entity/Document/S-DOC1");
            assertThat(a.detail()).isEqualTo("OTHER S-DOC1, naming it");
        });
        assertThat(alertsOf(ana, Alert.Kind.SEARCH_HIT))
                .singleElement()
                .satisfies(a -> assertThat(a.link()).isEqualTo("/entity/Document/S-DOC1"));
        assertThat(watchOf(ana, Alert.Kind.SEARCH_HIT)).isEqualTo(search.id());
        assertThat(alertsOf(ana, Alert.Kind.FILTER_HIT))
                .singleElement()
                .satisfies(a -> assertThat(a.link()).isEqualTo("/entity/Declaration/S-D1"));
        assertThat(watchOf(ana, Alert.Kind.FILTER_HIT)).isEqualTo(filter.id());
        alerts.sweep();
        assertThat(count(ana)).isEqualTo(3);
    }

    @Test
    void immediateMailsGoOnePerGroupWithinTheHourlyLimitAndTheRestInTheDailyDigest() throws Exception {
        var now = user("mail-now", Watch.Mail.IMMEDIATE);
        var later = user("mail-later", Watch.Mail.DIGEST);
        var companies = new StringBuilder(COMPANIES).append("M-SUP,Mail Test Supplier,CN,,,\n");
        var declarations = new StringBuilder(DECLARATIONS);
        for (int i = 1; i <= 5; i++) {
            companies
                    .append("M-C")
                    .append(i)
                    .append(",Mail Test Buyer ")
                    .append(i)
                    .append(",KR,,,\n");
        }
        load(jobs, Map.of("offices.csv", OFFICES, "companies.csv", companies.toString()));
        for (int i = 1; i <= 5; i++) {
            alerts.watch(now, Watch.Request.entity("Company:M-C" + i));
            for (int d = 1; d <= (i == 1 ? 3 : 1); d++) {
                declarations.append(declaration("M-D" + i + "-" + d, "M-SUP", "M-C" + i, "841370", "CN"));
            }
        }
        alerts.watch(later, Watch.Request.entity("Company:M-C1"));
        alerts.watch(later, Watch.Request.entity("Company:M-C2"));
        int before = mail.getReceivedMessages().length;

        load(jobs, Map.of("declarations.csv", declarations.toString()));

        org.awaitility.Awaitility.await("three immediate mails")
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> received("mail-now").size() == 3 && pending() == 0);
        Thread.sleep(1_000);
        var subjects = received("mail-now");
        assertThat(subjects).hasSize(3).contains("[Alert] 3 new declarations: Mail Test Buyer 1 (M-C1)");
        assertThat(received("mail-later")).isEmpty();

        assertThat(mailer.sendDigests(Instant.now())).isEqualTo(2);
        assertThat(mailer.sendDigests(Instant.now().minusSeconds(60))).isZero();
        assertThat(received("mail-later")).containsExactly("[Alerts] 4 alerts in 2 groups");
        // Beyond the hourly limit, the other two groups of mail-now waited for the digest.
        assertThat(received("mail-now")).hasSize(4).contains("[Alerts] 2 alerts in 2 groups");
        assertThat(mail.getReceivedMessages().length - before).isEqualTo(5);
        String digest = Arrays.stream(mail.getReceivedMessages())
                .filter(m -> subject(m).equals("[Alerts] 4 alerts in 2 groups"))
                .map(com.icegreen.greenmail.util.GreenMailUtil::getBody)
                .findFirst()
                .orElseThrow();
        assertThat(digest).contains("== 3 new declarations: Mail Test Buyer 1 (M-C1)", "/entity/Declaration/M-D1-2");
    }

    @Test
    void liveSubscribersHearTheNewUnreadCount() {
        var ana = user("live-ana", Watch.Mail.OFF);
        load(
                jobs,
                Map.of(
                        "offices.csv",
                        OFFICES,
                        "companies.csv",
                        COMPANIES + "V-ACME,Live Count Imports,KR,,,\n" + "V-SUP,Live Supplier,CN,,,\n"));
        alerts.watch(ana, Watch.Request.entity("Company:V-ACME"));
        var heard = new AtomicLong(-1);
        try (var subscription = alerts.subscribe("live-ana", heard::set)) {
            load(
                    jobs,
                    Map.of("declarations.csv", DECLARATIONS + declaration("V-D1", "V-SUP", "V-ACME", "841370", "CN")));
            assertThat(heard.get()).isEqualTo(1);
        }
    }

    @Test
    void overRestAUserWatchesReadsAndAcknowledgesAndMistakesGetOneClearLine() throws Exception {
        user("rest-ana", Watch.Mail.OFF);
        load(
                jobs,
                Map.of(
                        "offices.csv",
                        OFFICES,
                        "companies.csv",
                        COMPANIES + "API-ACME,Api Imports,KR,,,\n" + "API-SUP,Api Supplier,CN,,,\n"));
        var created = rest(
                "POST", "/api/watches", "{\"kind\":\"ENTITY\",\"entity\":\"Company:API-ACME\",\"mail\":\"IMMEDIATE\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"label\":\"Api Imports (API-ACME)\"", "\"mail\":\"IMMEDIATE\"");
        assertThat(rest("POST", "/api/watches", "{\"kind\":\"ENTITY\",\"entity\":\"Company:NO-SUCH\"}"))
                .satisfies(r -> {
                    assertThat(r.statusCode()).isEqualTo(404);
                    assertThat(r.body()).contains("no Company NO-SUCH in the graph");
                });
        assertThat(rest("POST", "/api/watches", "{\"kind\":\"EVERYTHING\"}").statusCode())
                .isEqualTo(400);
        assertThat(rest("PUT", "/api/alerts/mail", "{\"mail\":\"ACCOUNT\"}").statusCode())
                .isEqualTo(400);

        load(
                jobs,
                Map.of(
                        "declarations.csv",
                        DECLARATIONS + declaration("API-D1", "API-SUP", "API-ACME", "841370", "CN")));

        var listed = rest("GET", "/api/alerts?unread=true", null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body())
                .contains(
                        "\"unread\":1",
                        "\"headline\":\"New declaration of Api Imports (API-ACME)\"",
                        "/entity/Declaration/API-D1");
        var acknowledged = rest("POST", "/api/alerts/ack", null);
        assertThat(acknowledged.body()).contains("\"acknowledged\":1", "\"unread\":0");
        String watchId = alerts.watches(new Actor("rest-ana", false)).getFirst().id();
        assertThat(rest("PATCH", "/api/watches/" + watchId, "{\"muted\":true}").body())
                .contains("\"muted\":true");
        assertThat(rest("DELETE", "/api/watches/" + watchId, null).statusCode()).isEqualTo(204);
        assertThat(rest("DELETE", "/api/watches/" + watchId, null).statusCode()).isEqualTo(404);
    }

    private java.net.http.HttpResponse<String> rest(String method, String path, String json) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                .header("Authorization", TestAdmin.basic("rest-ana", "an-alerts-password"))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        json == null
                                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                                : java.net.http.HttpRequest.BodyPublishers.ofString(json));
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        }
    }

    private void setScore(String company, double score, String lane) {
        try (var session = driver.session()) {
            session.run(
                            "MATCH (c:Company {id: $id}) SET c.riskScore = $score, c.riskLane = $lane, c.riskScoredAt = $at",
                            Map.of(
                                    "id",
                                    company,
                                    "score",
                                    score,
                                    "lane",
                                    lane,
                                    "at",
                                    Instant.now().toString()))
                    .consume();
        }
    }

    private long pending() {
        try (var session = driver.session()) {
            return session.run("MATCH (a:Alert {mail: 'PENDING'}) RETURN count(a) AS n")
                    .single()
                    .get("n")
                    .asLong();
        }
    }

    private static List<String> received(String user) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(m -> recipient(m).equals(user + "@customs.test"))
                .map(AlertsIT::subject)
                .toList();
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
