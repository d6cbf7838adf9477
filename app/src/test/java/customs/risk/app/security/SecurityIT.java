package customs.risk.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import customs.risk.app.RiskApplication;
import customs.risk.app.TestStores;
import customs.risk.cases.team.InvalidAccountException;
import customs.risk.cases.team.Notification;
import customs.risk.cases.team.UserAccount;
import customs.risk.cases.team.UserAccounts;
import customs.risk.graph.access.Role;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Who may do what, over real HTTP against the whole application: anonymous callers, wrong and
 * throttled passwords, each role against each endpoint group, the trader's own declarations, users
 * created by an admin, stored hashes, the login page, and the first-start rules.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityIT {

    private static final String PASSWORD = "a-role-users-password";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestStores.withoutSearch(registry, "security-it");
    }

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    LoginThrottle throttle;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Driver driver;

    private final HttpClient http = HttpClient.newHttpClient();

    /** One user per role, and a small graph: the trader's company SEC-C1 trades with SEC-C2; SEC-C3 is a stranger. */
    @BeforeEach
    void usersAndGraph() {
        for (Role role : Role.values()) {
            if (accounts.find(userOf(role)).isEmpty()) {
                accounts.create(userOf(role), PASSWORD, Set.of(role), role == Role.TRADER ? "SEC-C1" : null);
            }
        }
        try (var session = driver.session()) {
            session.run("""
                    MERGE (c1:Company {id: 'SEC-C1'}) MERGE (c2:Company {id: 'SEC-C2'}) MERGE (c3:Company {id: 'SEC-C3'})
                    MERGE (bought:Declaration {id: 'SEC-D1'}) SET bought.filedOn = date('2024-03-01')
                    MERGE (bought)-[:SOLD_BY]->(c2) MERGE (bought)-[:BOUGHT_BY]->(c1)
                    MERGE (declared:Declaration {id: 'SEC-D2'}) SET declared.filedOn = date('2024-03-02')
                    MERGE (declared)-[:SOLD_BY]->(c3) MERGE (declared)-[:BOUGHT_BY]->(c2)
                    MERGE (declared)-[:DECLARED_BY]->(c1)
                    MERGE (other:Declaration {id: 'SEC-D3'}) SET other.filedOn = date('2024-03-03')
                    MERGE (other)-[:SOLD_BY]->(c2) MERGE (other)-[:BOUGHT_BY]->(c3)
                    """).consume();
        }
    }

    @AfterEach
    void forgetFailedLogins() {
        throttle.clear();
    }

    @Test
    void anAnonymousCallIsRefusedWith401AndABasicChallenge() throws Exception {
        for (String path : List.of(
                "/api/stats",
                "/api/risk/entities",
                "/api/bundles/x",
                "/api/my/declarations",
                "/api/documents/search?q=x",
                "/actuator/info")) {
            var response = send("GET", path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .as(path)
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
            assertThat(response.headers().firstValue("Set-Cookie"))
                    .as("the API creates no session")
                    .isEmpty();
        }
        // Public: answered, not challenged (503 here only because this test runs without a search engine).
        for (String path : List.of("/actuator/health", "/actuator/health/readiness")) {
            var health = send("GET", path, null);
            assertThat(health.statusCode()).as(path).isIn(200, 503);
            assertThat(health.body()).as(path).contains("\"status\"");
        }
    }

    @Test
    void aWrongPasswordIs401AndRepeatedFailuresAreThrottledEvenForTheRightPassword() throws Exception {
        String victim = userOf(Role.INVESTIGATOR);
        for (int i = 0; i < 5; i++) {
            var wrong = send("GET", "/api/stats", TestAdmin.basic(victim, "not-the-password-" + i));
            assertThat(wrong.statusCode()).isEqualTo(401);
        }

        var refused = send("GET", "/api/stats", TestAdmin.basic(victim, PASSWORD));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 300L));
        assertThat(refused.body()).contains("too many failed logins");
        assertThat(send("GET", "/api/stats", TestAdmin.basic()).statusCode())
                .as("another user from the same address is not locked out by five failures")
                .isEqualTo(200);

        throttle.clear();
        assertThat(send("GET", "/api/stats", TestAdmin.basic(victim, PASSWORD)).statusCode())
                .isEqualTo(200);
    }

    /** Every role against every endpoint group: allowed means neither 401 nor 403; refused means 403. */
    @ParameterizedTest(name = "{0} {1} {2} allowed={3}")
    @MethodSource("accessTable")
    void eachRoleReachesExactlyItsEndpoints(Role role, String method, String path, boolean allowed) throws Exception {
        var response = send(method, path, TestAdmin.basic(userOf(role), PASSWORD));
        if (allowed) {
            assertThat(response.statusCode()).as(response.body()).isNotIn(401, 403);
        } else {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        }
    }

    static Stream<Arguments> accessTable() {
        var staff = EnumSet.of(Role.ADMIN, Role.RISK_OFFICER, Role.INVESTIGATOR, Role.INSPECTOR);
        var rows = List.of(
                new Object[] {"POST", "/api/bundles", EnumSet.of(Role.ADMIN, Role.RISK_OFFICER)},
                new Object[] {"GET", "/api/bundles/no-such-job", EnumSet.of(Role.ADMIN, Role.RISK_OFFICER)},
                new Object[] {"GET", "/api/risk/entities", EnumSet.of(Role.ADMIN, Role.RISK_OFFICER, Role.INVESTIGATOR)
                },
                new Object[] {
                    "GET", "/api/risk/declarations", EnumSet.of(Role.ADMIN, Role.RISK_OFFICER, Role.INVESTIGATOR)
                },
                new Object[] {"GET", "/api/stats", staff},
                new Object[] {"POST", "/api/documents", staff},
                new Object[] {"GET", "/api/documents/search?q=invoice", staff},
                new Object[] {"GET", "/api/documents/no-such-document/file", staff},
                new Object[] {"GET", "/api/companies/SEC-C2/documents", staff},
                new Object[] {"GET", "/api/my/declarations", EnumSet.of(Role.TRADER)},
                // A zip is no batch of rows: an allowed caller gets 415 and nothing is filed.
                new Object[] {"POST", "/api/my/declarations", EnumSet.of(Role.TRADER)},
                new Object[] {"POST", "/api/inspections", EnumSet.of(Role.ADMIN, Role.RISK_OFFICER, Role.INSPECTOR)},
                // Requests for information: between those who work cases and traders; inspectors stay out.
                new Object[] {
                    "GET", "/api/requests", EnumSet.of(Role.ADMIN, Role.RISK_OFFICER, Role.INVESTIGATOR, Role.TRADER)
                },
                new Object[] {"POST", "/api/requests", EnumSet.of(Role.ADMIN, Role.RISK_OFFICER, Role.INVESTIGATOR)},
                new Object[] {
                    "POST", "/api/requests/RFI-NONE/close", EnumSet.of(Role.ADMIN, Role.RISK_OFFICER, Role.INVESTIGATOR)
                },
                // Traders watch nothing.
                new Object[] {"GET", "/api/watches", staff},
                new Object[] {"GET", "/api/alerts", staff},
                new Object[] {"DELETE", "/api/watches/W-NONE", staff},
                new Object[] {"GET", "/api/account", EnumSet.allOf(Role.class)},
                new Object[] {"GET", "/api/users", EnumSet.of(Role.ADMIN)},
                new Object[] {"GET", "/api/admin/audit", EnumSet.of(Role.ADMIN)},
                new Object[] {"GET", "/api/cases/CASE-NONE/audit", EnumSet.of(Role.ADMIN)},
                new Object[] {"GET", "/api/not-an-endpoint", EnumSet.noneOf(Role.class)},
                new Object[] {"GET", "/actuator/info", EnumSet.of(Role.ADMIN)});
        var arguments = new ArrayList<Arguments>();
        for (Object[] row : rows) {
            @SuppressWarnings("unchecked")
            Set<Role> allowed = (Set<Role>) row[2];
            for (Role role : Role.values()) {
                arguments.add(Arguments.of(role, row[0], row[1], allowed.contains(role)));
            }
        }
        return arguments.stream();
    }

    @Test
    void aTraderSeesOnlyTheDeclarationsOfItsOwnCompanyAndNoScores() throws Exception {
        var mine = send("GET", "/api/my/declarations", TestAdmin.basic(userOf(Role.TRADER), PASSWORD));

        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.body())
                .contains(
                        "\"company\":\"SEC-C1\"",
                        "\"id\":\"SEC-D1\"",
                        "\"id\":\"SEC-D2\"",
                        "\"parts\":[\"BUYER\"]",
                        "\"parts\":[\"DECLARANT\"]")
                .doesNotContain("SEC-D3", "riskScore", "lane", "reasons");
        assertThat(mine.body().indexOf("SEC-D2"))
                .as("newest first")
                .isLessThan(mine.body().indexOf("SEC-D1"));
        assertThat(send("GET", "/api/risk/declarations", TestAdmin.basic(userOf(Role.TRADER), PASSWORD))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aUserCreatedByAnAdminCanLogInOverBasicAndTheLoginFormUntilDisabled() throws Exception {
        accounts.create("New.Officer", "officer-password-42", Set.of(Role.RISK_OFFICER), null);

        assertThat(accounts.find("new.officer")).hasValueSatisfying(u -> {
            assertThat(u.roles()).containsExactly(Role.RISK_OFFICER);
            assertThat(u.enabled()).isTrue();
        });
        assertThat(send("GET", "/api/stats", TestAdmin.basic("NEW.OFFICER", "officer-password-42"))
                        .statusCode())
                .as("usernames are case-insensitive")
                .isEqualTo(200);

        var login = formLogin("new.officer", "officer-password-42");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        var home = http.send(browser("/").header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).as("the session opens the views").isEqualTo(200);

        var wrong = formLogin("new.officer", "not-the-password");
        assertThat(wrong.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));

        accounts.setEnabled("new.officer", false);
        assertThat(send("GET", "/api/stats", TestAdmin.basic("new.officer", "officer-password-42"))
                        .statusCode())
                .isEqualTo(401);
        accounts.setEnabled("new.officer", true);
        assertThat(send("GET", "/api/stats", TestAdmin.basic("new.officer", "officer-password-42"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void everyUserSetsTheirOwnMailAddressAndNotificationsOverRest() throws Exception {
        String trader = TestAdmin.basic(userOf(Role.TRADER), PASSWORD);
        var before = send("GET", "/api/account", trader);
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.body())
                .contains(
                        "\"username\":\"" + userOf(Role.TRADER) + "\"",
                        "\"email\":null",
                        "\"MENTION\"",
                        "\"ASSIGNMENT\"",
                        "\"ANNOUNCEMENT\"");

        var changed = patch("/api/account", trader, """
                {"email": " Trader@Example.ORG ", "notifications": ["ANNOUNCEMENT"]}""");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(changed.body()).contains("\"email\":\"trader@example.org\"", "\"notifications\":[\"ANNOUNCEMENT\"]");
        assertThat(accounts.contact(userOf(Role.TRADER)).orElseThrow().addressFor(Notification.ANNOUNCEMENT))
                .contains("trader@example.org");
        assertThat(accounts.contact(userOf(Role.TRADER)).orElseThrow().addressFor(Notification.MENTION))
                .isEmpty();

        var taken = patch("/api/account", TestAdmin.basic(userOf(Role.INSPECTOR), PASSWORD), """
                {"email": "trader@example.org"}""");
        assertThat(taken.statusCode()).isEqualTo(400);
        assertThat(taken.body()).contains("\"field\":\"email\"", "another user");
        var malformed = patch("/api/account", trader, """
                {"email": "not an address"}""");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(accounts.contact(userOf(Role.TRADER)).orElseThrow().email())
                .as("a refused change keeps the old")
                .isEqualTo("trader@example.org");

        assertThat(patch("/api/account", trader, """
                {"email": ""}""").body()).contains("\"email\":null");
    }

    @Test
    void changingOnesOwnPasswordNeedsTheCurrentOne() throws Exception {
        accounts.create("self.changer", "first-password-1", Set.of(Role.INSPECTOR), null);

        assertRefused(
                () -> accounts.changeOwnPassword("self.changer", "wrong-password", "second-password-2"),
                InvalidAccountException.Field.CURRENT_PASSWORD);
        assertRefused(
                () -> accounts.changeOwnPassword("self.changer", "first-password-1", "short"),
                InvalidAccountException.Field.PASSWORD);
        accounts.changeOwnPassword("self.changer", "first-password-1", "second-password-2");

        assertThat(send("GET", "/api/account", TestAdmin.basic("self.changer", "first-password-1"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/api/account", TestAdmin.basic("self.changer", "second-password-2"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void passwordsAreStoredAsBcryptHashesOnly() {
        try (var session = driver.session()) {
            var record = session.run(
                            "MATCH (u:User {username: $u}) RETURN u.passwordHash AS hash, keys(u) AS keys",
                            java.util.Map.of("u", userOf(Role.INSPECTOR)))
                    .single();
            String hash = record.get("hash").asString();
            assertThat(hash).isNotEqualTo(PASSWORD).doesNotContain(PASSWORD).startsWith("$2a$");
            assertThat(encoder.matches(PASSWORD, hash)).isTrue();
            assertThat(record.get("keys").asList(v -> v.asString()))
                    .containsExactlyInAnyOrder("username", "passwordHash", "roles", "enabled", "createdAt");
        }
    }

    @Test
    void accountRulesRefuseBadInputNamingTheField() {
        assertRefused(
                () -> accounts.create("a", "long-enough-password", Set.of(Role.INSPECTOR), null),
                InvalidAccountException.Field.USERNAME);
        assertRefused(
                () -> accounts.create("bob smith", "long-enough-password", Set.of(Role.INSPECTOR), null),
                InvalidAccountException.Field.USERNAME);
        assertRefused(
                () -> accounts.create("shorty", "too-short", Set.of(Role.INSPECTOR), null),
                InvalidAccountException.Field.PASSWORD);
        assertRefused(
                () -> accounts.create("nameinside", "xx-nameinside-xx", Set.of(Role.INSPECTOR), null),
                InvalidAccountException.Field.PASSWORD);
        assertRefused(
                () -> accounts.create("noroles", "long-enough-password", Set.of(), null),
                InvalidAccountException.Field.ROLES);
        assertRefused(
                () -> accounts.create("mixed", "long-enough-password", Set.of(Role.TRADER, Role.ADMIN), "C"),
                InvalidAccountException.Field.ROLES);
        assertRefused(
                () -> accounts.create("nocompany", "long-enough-password", Set.of(Role.TRADER), " "),
                InvalidAccountException.Field.COMPANY);
        assertRefused(
                () -> accounts.create("staffco", "long-enough-password", Set.of(Role.INSPECTOR), "SEC-C1"),
                InvalidAccountException.Field.COMPANY);
        assertRefused(
                () -> accounts.create(userOf(Role.INSPECTOR), "long-enough-password", Set.of(Role.INSPECTOR), null),
                InvalidAccountException.Field.USERNAME);
    }

    @Test
    void theLastEnabledAdminCanBeNeitherDisabledNorDemoted() {
        accounts.setEnabled(userOf(Role.ADMIN), false);
        try {
            assertRefused(() -> accounts.setEnabled(TestAdmin.USERNAME, false), InvalidAccountException.Field.ACCOUNT);
            assertRefused(
                    () -> accounts.setRoles(TestAdmin.USERNAME, Set.of(Role.INSPECTOR), null),
                    InvalidAccountException.Field.ACCOUNT);
        } finally {
            accounts.setEnabled(userOf(Role.ADMIN), true);
        }
        accounts.setRoles(userOf(Role.ADMIN), Set.of(Role.ADMIN, Role.INVESTIGATOR), null);
        assertThat(accounts.find(userOf(Role.ADMIN)).orElseThrow().roles())
                .containsExactlyInAnyOrder(Role.ADMIN, Role.INVESTIGATOR);
        accounts.setRoles(userOf(Role.ADMIN), Set.of(Role.ADMIN), null);
    }

    @Test
    void theLoginPageIsPublicAndTheViewsRedirectToIt() throws Exception {
        var login = http.send(browser("/login").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<html");

        var home = http.send(browser("/").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        var admin = http.send(browser("/admin/users").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(admin.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void administratorsManageUsersOverRestAndEveryChangeIsAuditedForExport() throws Exception {
        var created = json("POST", "/api/users", """
                {"username": "rest.inspector", "password": "inspector-pass-77", "roles": ["INSPECTOR"]}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(send("GET", "/api/stats", TestAdmin.basic("rest.inspector", "inspector-pass-77"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(json("PATCH", "/api/users/rest.inspector", """
                {"roles": ["INVESTIGATOR"]}""").body()).contains("\"roles\":[\"INVESTIGATOR\"]");
        assertThat(json("PATCH", "/api/users/rest.inspector", """
                {"enabled": false}""").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/stats", TestAdmin.basic("rest.inspector", "inspector-pass-77"))
                        .statusCode())
                .as("disabled")
                .isEqualTo(401);
        var refused = json("POST", "/api/users", """
                {"username": "rest.other", "password": "rest.other-password", "roles": ["INSPECTOR"]}""");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("must not contain the username");

        var csv = send("GET", "/api/admin/audit?format=csv", TestAdmin.basic());
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body())
                .startsWith("at,actor,action,target,detail\n")
                .contains(
                        "," + TestAdmin.USERNAME + ",USER_CREATED,rest.inspector,INSPECTOR\n",
                        "," + TestAdmin.USERNAME + ",ROLES_CHANGED,rest.inspector,INSPECTOR -> INVESTIGATOR\n",
                        "," + TestAdmin.USERNAME + ",USER_DISABLED,rest.inspector,\n")
                .doesNotContain("rest.other");
        assertThat(send("GET", "/api/admin/audit", TestAdmin.basic()).body())
                .contains("\"action\":\"USER_CREATED\",\"target\":\"rest.inspector\"");
    }

    @Test
    void theApiDescribesItselfToStaff() throws Exception {
        var description = send("GET", "/v3/api-docs", TestAdmin.basic(userOf(Role.INSPECTOR), PASSWORD));
        assertThat(description.statusCode()).as(description.body()).isEqualTo(200);
        assertThat(description.body())
                .contains(
                        "\"openapi\":\"3.",
                        "Customs risk engine API",
                        "\"/api/risk/entities\"",
                        "\"/api/documents/search\"",
                        "\"/api/cases/{id}/audit\"",
                        "\"/api/bundles\"");
        assertThat(send("GET", "/v3/api-docs", TestAdmin.basic(userOf(Role.TRADER), PASSWORD))
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/v3/api-docs", null).statusCode()).isEqualTo(401);
        var page = send("GET", "/swagger-ui/index.html", TestAdmin.basic());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        var problem = send("GET", "/api/bundles/no-such-job", TestAdmin.basic());
        assertThat(problem.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(problem.body()).contains("\"status\":404", "\"detail\":\"no bundle job no-such-job\"");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        if (accounts.find("headers.officer").isEmpty()) {
            accounts.create("headers.officer", "officer-password-42", Set.of(Role.RISK_OFFICER), null);
        }
        String cookie = formLogin("headers.officer", "officer-password-42")
                .headers()
                .firstValue("Set-Cookie")
                .orElseThrow()
                .split(";")[0];
        var responses = new java.util.LinkedHashMap<String, HttpResponse<String>>();
        responses.put("the login page", http.send(browser("/login").build(), HttpResponse.BodyHandlers.ofString()));
        responses.put(
                "a view",
                http.send(browser("/ranking").header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()));
        responses.put("an API answer", send("GET", "/api/stats", TestAdmin.basic()));
        responses.put("an API refusal", send("GET", "/api/stats", null));
        responses.put(
                "a redirect to the login",
                http.send(browser("/ranking").build(), HttpResponse.BodyHandlers.ofString()));

        responses.forEach((what, response) -> {
            var headers = response.headers();
            assertThat(headers.firstValue("Content-Security-Policy")).as(what).hasValue(SecurityHeaders.POLICY);
            assertThat(headers.firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
            assertThat(headers.firstValue("Referrer-Policy")).as(what).hasValue("same-origin");
            assertThat(headers.firstValue("Cache-Control"))
                    .as(what)
                    .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
            assertThat(headers.firstValue("Strict-Transport-Security"))
                    .as(what + " over plain HTTP")
                    .isEmpty();
        });
        assertThat(responses.get("a view").statusCode()).isEqualTo(200);

        var overHttps = http.send(
                browser("/login").header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(overHttps.headers().firstValue("Strict-Transport-Security"))
                .as("behind a TLS-terminating proxy")
                .hasValue("max-age=31536000; includeSubDomains");
        var stylesheet = http.send(
                HttpRequest.newBuilder(url("/styles/app.css"))
                        .header("Cookie", cookie)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stylesheet.statusCode())
                .as("the application's stylesheet loads")
                .isEqualTo(200);
        assertThat(stylesheet.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        var icon = http.send(
                HttpRequest.newBuilder(url("/icons/favicon.svg")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(icon.statusCode()).as("the icon loads, signed in or not").isEqualTo(200);
        assertThat(icon.body()).contains("<svg");
    }

    @Test
    void aStartUpMistakeIsToldInOneLineWithoutAStackTrace(@TempDir Path dir) throws Exception {
        var command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // The same JVM options as this test's JVM (the engines' --add-opens), none of its agents.
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-javaagent") && !a.startsWith("-agentlib"))
                .forEach(command::add);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "customs.risk.app.RiskApplication",
                "serve",
                "--data-dir",
                dir.toString(),
                "--server.port=0",
                "--risk.elasticsearch.uris=" + TestStores.NO_SEARCH_ENGINE,
                "--risk.security.admin-username=admin",
                "--risk.security.admin-password=admin-password-2024"));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).isNotZero();
        assertThat(output).contains("error: Cannot create the first admin 'admin'");
        assertThat(output.lines().filter(l -> l.contains("error:"))).hasSize(1);
        assertThat(output)
                .as(output)
                .doesNotContain("\tat ", "FirstAdminMissingException", "APPLICATION FAILED TO START");
    }

    @Test
    void withoutUsersAndWithoutAnAdminPasswordTheWebApplicationRefusesToStart(@TempDir Path dir) {
        assertThatThrownBy(() -> start(dir, false).close())
                .satisfies(e -> assertThat(Stream.iterate(e, t -> t != null, Throwable::getCause))
                        .anySatisfy(cause -> assertThat(cause)
                                .isInstanceOf(FirstAdminMissingException.class)
                                .hasMessageContaining("RISK_ADMIN_PASSWORD")));
    }

    @Test
    void theDemoProfileCreatesOneDocumentedUserPerRole(@TempDir Path dir) throws Exception {
        try (var context = start(dir, true)) {
            var users = context.getBean(UserAccounts.class).list(0, 100);
            assertThat(users)
                    .extracting(UserAccount::username)
                    .containsExactly("admin", "inspector", "investigator", "officer", "trader");
            assertThat(users)
                    .filteredOn(UserAccount::isTrader)
                    .singleElement()
                    .satisfies(u -> assertThat(u.companyId()).isEqualTo("476-87-16904"));
            int demoPort = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            var response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + demoPort + "/api/my/declarations"))
                            .header("Authorization", TestAdmin.basic("trader", "customs-demo"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    private static org.springframework.context.ConfigurableApplicationContext start(Path dir, boolean demo) {
        var builder = new SpringApplicationBuilder(RiskApplication.class).web(WebApplicationType.SERVLET);
        if (demo) {
            builder.profiles("demo");
        }
        // An explicit empty password, so a RISK_ADMIN_PASSWORD in the build's environment cannot interfere.
        return builder.run(
                "--risk.data-dir=" + dir,
                "--server.port=0",
                "--risk.elasticsearch.uris=" + TestStores.NO_SEARCH_ENGINE,
                "--risk.security.admin-password=",
                "--risk.security.bcrypt-strength=4",
                "--spring.main.banner-mode=off");
    }

    private static void assertRefused(Runnable change, InvalidAccountException.Field field) {
        assertThatThrownBy(change::run)
                .isInstanceOfSatisfying(
                        InvalidAccountException.class,
                        e -> assertThat(e.field()).as(e.getMessage()).isEqualTo(field));
    }

    private static String userOf(Role role) {
        return "user-" + role.name().toLowerCase(Locale.ROOT);
    }

    private HttpResponse<String> formLogin(String username, String password) throws Exception {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return http.send(
                HttpRequest.newBuilder(url("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON call as the test admin. */
    private HttpResponse<String> json(String method, String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(url(path))
                        .header("Authorization", TestAdmin.basic())
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request shaped like a browser's page load, which Vaadin answers with a page or a redirect. */
    private HttpRequest.Builder browser(String path) {
        return HttpRequest.newBuilder(url(path)).header("Accept", "text/html").header("Sec-Fetch-Dest", "document");
    }

    private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(url(path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        switch (method) {
            case "GET" -> request.GET();
            case "DELETE" -> request.DELETE();
            // Not a zip: an allowed caller gets a job that fails, nothing is loaded.
            case "POST" -> {
                if (path.equals("/api/documents")) {
                    String boundary = "SecBoundary";
                    request.header("Content-Type", "multipart/form-data; boundary=" + boundary);
                    // An unknown document type: an allowed caller gets 400 and nothing is stored.
                    request.POST(HttpRequest.BodyPublishers.ofString("--" + boundary
                            + "\r\nContent-Disposition: form-data; name=\"docType\"\r\n\r\nRECEIPT\r\n--" + boundary
                            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                            + "Content-Type: text/plain\r\n\r\ntext\r\n--" + boundary + "--\r\n"));
                } else {
                    request.header("Content-Type", "application/zip")
                            .POST(HttpRequest.BodyPublishers.ofString("not a zip"));
                }
            }
            default -> throw new IllegalArgumentException(method);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> patch(String path, String authorization, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(url(path))
                        .header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
