package customs.risk.app.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import customs.risk.app.TestStores;
import customs.risk.app.cli.RiskCommand;
import customs.risk.app.security.TestAdmin;
import customs.risk.cases.team.UserAccounts;
import customs.risk.graph.access.Role;
import customs.risk.survey.io.ResponseFiles;
import customs.risk.survey.io.ResponseTable;
import customs.risk.survey.service.SurveyException;
import customs.risk.survey.service.SurveyModel;
import customs.risk.survey.service.SurveyService;
import customs.risk.survey.stats.SurveyStatistics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An acceptance survey over real HTTP against the whole application and an embedded Neo4j: defined and
 * opened by an administrator, answered once by the invited role, refused to others, exported as CSV and
 * XLSX, and its statistics equal to the library's and the command line's on the exported file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SurveyIT {

    private static final String PASSWORD = "a-survey-respondents-password";
    private static final int INSPECTORS = 12;
    private static final String OFFICER = "srv-officer";
    private static final String INVESTIGATOR = "srv-investigator";
    private static final String TRADER = "srv-trader";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestStores.withoutSearch(registry, "survey-it");
    }

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    SurveyService surveys;

    @Autowired
    org.neo4j.driver.Driver driver;

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void users() {
        for (int i = 1; i <= INSPECTORS + 1; i++) {
            user(inspector(i), Role.INSPECTOR, null);
        }
        user(OFFICER, Role.RISK_OFFICER, null);
        user(INVESTIGATOR, Role.INVESTIGATOR, null);
        user(TRADER, Role.TRADER, "SRV-IT-TRADER-CO");
    }

    @Test
    void inspectorsAnswerOnceAndTheResultsAgreeWithTheLibraryAndTheCommandLine() throws Exception {
        var definition = Map.of(
                "title",
                "Risk engine acceptance",
                "roles",
                List.of("INSPECTOR"),
                "constructs",
                List.of(
                        Map.of(
                                "name",
                                "information collection",
                                "statements",
                                List.of("Data arrives complete", "Data arrives in time")),
                        Map.of(
                                "name",
                                "coordination",
                                "statements",
                                List.of("Teams agree on checks", "Handovers work")),
                        Map.of(
                                "name",
                                "analysis",
                                "statements",
                                List.of("Scores point to the right goods", "Reasons are understandable")),
                        Map.of(
                                "name",
                                "dissemination",
                                "statements",
                                List.of("Results come back quickly", "Alerts reach the right people"))));
        assertThat(send(OFFICER, "POST", "/api/surveys", definition).statusCode())
                .isEqualTo(403);
        var created = send("admin", "POST", "/api/surveys", definition);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode survey = json.readTree(created.body());
        String id = survey.get("id").asString();
        assertThat(survey.get("status").asString()).isEqualTo("DRAFT");
        assertThat(survey.get("constructs")).hasSize(4);

        var ratings = ratings(INSPECTORS, 8);
        assertThat(answer(inspector(1), id, ratings.getFirst()).statusCode())
                .as("a draft takes no answers")
                .isEqualTo(403);
        assertThat(send("admin", "POST", "/api/surveys/" + id + "/open", null).statusCode())
                .isEqualTo(200);

        assertThat(listed(inspector(1))).contains(id);
        assertThat(listed(INVESTIGATOR)).doesNotContain(id);
        for (int i = 0; i < INSPECTORS; i++) {
            var answered = answer(inspector(i + 1), id, ratings.get(i));
            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(201);
        }

        assertThat(answer(inspector(1), id, ratings.get(1)).statusCode())
                .as("a second answer")
                .isEqualTo(409);
        assertThat(answer(INVESTIGATOR, id, ratings.get(1)).statusCode())
                .as("role not invited")
                .isEqualTo(403);
        assertThat(answer(TRADER, id, ratings.get(1)).statusCode()).isEqualTo(403);
        var incomplete = new LinkedHashMap<>(ratings.get(1));
        incomplete.remove("Q8");
        assertThat(answer(inspector(INSPECTORS + 1), id, incomplete).statusCode())
                .isEqualTo(400);
        var outOfRange = new LinkedHashMap<>(ratings.get(1));
        outOfRange.put("Q8", 11);
        assertThat(answer(inspector(INSPECTORS + 1), id, outOfRange).statusCode())
                .isEqualTo(400);
        assertThat(send("admin", "PUT", "/api/surveys/" + id, definition).statusCode())
                .as("edited after answers")
                .isEqualTo(409);

        var csv = send(OFFICER, "GET", "/api/surveys/" + id + "/results.csv", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains(id + ".csv");
        ResponseTable fromCsv =
                ResponseFiles.readCsv(new ByteArrayInputStream(csv.body().getBytes(StandardCharsets.UTF_8)));
        var xlsx = http.send(
                request("admin", "GET", "/api/surveys/" + id + "/results.xlsx", null),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        ResponseTable fromXlsx = ResponseFiles.readXlsx(new ByteArrayInputStream(xlsx.body()));
        for (var table : List.of(fromCsv, fromXlsx)) {
            assertThat(table.answers().items()).containsExactly("Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8");
            assertThat(table.answers().n()).isEqualTo(INSPECTORS);
            for (int r = 0; r < INSPECTORS; r++) {
                int i = Integer.parseInt(table.respondents().get(r).substring("srv-inspector-".length())) - 1;
                double[] row = table.answers().rows()[r];
                for (int q = 0; q < 8; q++) {
                    assertThat(row[q])
                            .isEqualTo(ratings.get(i).get("Q" + (q + 1)).doubleValue());
                }
            }
        }

        assertThat(send(inspector(1), "GET", "/api/surveys/" + id + "/statistics", null)
                        .statusCode())
                .isEqualTo(403);
        var statistics = send(OFFICER, "GET", "/api/surveys/" + id + "/statistics", null);
        assertThat(statistics.statusCode()).as(statistics.body()).isEqualTo(200);
        JsonNode api = json.readTree(statistics.body());
        var library = new SurveyStatistics().analyse(fromCsv.answers());
        assertThat(api.get("n").asInt()).isEqualTo(INSPECTORS);
        assertThat(api.get("cronbach_alpha").asDouble())
                .isCloseTo(library.alpha().orElseThrow().value(), within(1e-12));
        assertThat(api.get("kmo").asDouble())
                .isCloseTo(library.factorability().orElseThrow().kmo().overall(), within(1e-12));
        assertThat(api.get("constructs")).hasSize(4);
        assertThat(api.get("interpretation").get("bartlett").asString()).contains("Bartlett's test");

        Path file = tmp.resolve("answers.csv");
        Files.writeString(file, csv.body());
        JsonNode cli = cli("survey-stats", file.toString());
        for (String key : List.of("cronbach_alpha", "kmo", "bartlett_chi2", "bartlett_p")) {
            assertThat(cli.get(key).asDouble()).as(key).isCloseTo(api.get(key).asDouble(), within(1e-12));
        }
        assertThat(cli.get("alpha_ci95").get(0).asDouble())
                .isCloseTo(api.get("alpha_ci95").get(0).asDouble(), within(1e-12));
        assertThat(cli.get("means").get("Q3").asDouble())
                .isCloseTo(api.get("means").get("Q3").asDouble(), within(1e-12));
        Path workbook = tmp.resolve("answers.xlsx");
        Files.write(workbook, xlsx.body());
        JsonNode cliXlsx = cli("survey-stats", workbook.toString());
        for (String key : List.of("n", "cronbach_alpha", "kmo", "bartlett_chi2", "bartlett_p")) {
            assertThat(cliXlsx.get(key).asDouble())
                    .as("xlsx " + key)
                    .isCloseTo(api.get(key).asDouble(), within(1e-12));
        }
        assertThat(cliXlsx.get("constructs"))
                .as("named by the export's statements sheet")
                .hasSize(4);
        assertThat(cliXlsx.get("constructs").get(0).get("name").asString())
                .isEqualTo(api.get("constructs").get(0).get("name").asString());

        assertThat(send("admin", "POST", "/api/surveys/" + id + "/close", null).statusCode())
                .isEqualTo(200);
        assertThat(answer(inspector(INSPECTORS + 1), id, ratings.get(1)).statusCode())
                .as("closed")
                .isEqualTo(409);
    }

    @Test
    void anAnonymousSurveysExportsAndStatisticsCarryNoUsernames() throws Exception {
        var definition = new LinkedHashMap<String, Object>();
        definition.put("title", "Anonymous acceptance");
        definition.put("roles", List.of("INSPECTOR"));
        definition.put(
                "constructs",
                List.of(
                        Map.of(
                                "name",
                                "analysis",
                                "statements",
                                List.of("Scores help", "Reasons are clear", "Lanes are fair")),
                        Map.of(
                                "name",
                                "coordination",
                                "statements",
                                List.of("Teams agree", "Handovers work", "Cases move"))));
        definition.put("anonymous", true);
        var created = send("admin", "POST", "/api/surveys", definition);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json.readTree(created.body()).get("id").asString();
        assertThat(json.readTree(created.body()).get("anonymous").asBoolean()).isTrue();
        send("admin", "POST", "/api/surveys/" + id + "/open", null);
        var ratings = ratings(INSPECTORS, 6);
        for (int i = 0; i < INSPECTORS; i++) {
            assertThat(answer(inspector(i + 1), id, ratings.get(i)).statusCode())
                    .isEqualTo(201);
        }
        assertThat(answer(inspector(1), id, ratings.get(1)).statusCode())
                .as("still once per user")
                .isEqualTo(409);
        assertThat(json.readTree(send(inspector(1), "GET", "/api/surveys", null).body())
                        .toString())
                .as("the respondent still sees that they answered")
                .contains("\"answeredAt\":\"");

        String csv = send(OFFICER, "GET", "/api/surveys/" + id + "/results.csv", null)
                .body();
        String statistics =
                send(OFFICER, "GET", "/api/surveys/" + id + "/statistics", null).body();
        var xlsx = ResponseFiles.readXlsx(new ByteArrayInputStream(http.send(
                        request("admin", "GET", "/api/surveys/" + id + "/results.xlsx", null),
                        HttpResponse.BodyHandlers.ofByteArray())
                .body()));
        assertThat(csv).contains("respondent 1", "respondent " + INSPECTORS).doesNotContain("srv-inspector");
        assertThat(statistics).doesNotContain("srv-inspector");
        assertThat(xlsx.respondents())
                .noneMatch(r -> r.contains("srv-inspector"))
                .hasSize(INSPECTORS);
        try (var session = driver.session()) {
            assertThat(session.run("""
                    MATCH (r:SurveyResponse {surveyId: $id})
                    WHERE r.username IS NOT NULL OR EXISTS { (:User)-[:GAVE]->(r) }
                    RETURN count(r) AS linked""", Map.of("id", id)).single().get(0).asLong())
                    .as("nothing in the store ties an answer to its user")
                    .isZero();
        }
    }

    @Test
    void twoAnswersByOneUserAtOnceStoreOne() throws Exception {
        var survey = surveys.create(
                "admin",
                new SurveyModel.Draft(
                        "Concurrent",
                        Set.of(Role.INSPECTOR),
                        List.of(new SurveyModel.ConstructDraft("c", List.of("one", "two")))));
        surveys.open(survey.id());
        var rating = Map.of("Q1", 5, "Q2", 6);
        var first = CompletableFuture.supplyAsync(() -> attempt(survey.id(), rating));
        var second = CompletableFuture.supplyAsync(() -> attempt(survey.id(), rating));

        assertThat(List.of(first.get(), second.get()))
                .containsExactlyInAnyOrder("ok", "you have already answered this survey");
        assertThat(surveys.answers(survey.id())).hasSize(1);
    }

    @Test
    void tooFewAnswersSayWhatIsMissing() throws Exception {
        var survey = surveys.create(
                "admin",
                new SurveyModel.Draft(
                        "Early days",
                        Set.of(Role.INSPECTOR),
                        List.of(new SurveyModel.ConstructDraft("c", List.of("one", "two")))));
        surveys.open(survey.id());
        surveys.answer(inspector(2), survey.id(), Map.of("Q1", 5, "Q2", 6));

        JsonNode api = json.readTree(send(OFFICER, "GET", "/api/surveys/" + survey.id() + "/statistics", null)
                .body());

        assertThat(api.get("n").asInt()).isEqualTo(1);
        assertThat(api.get("unavailable").asString()).contains("at least 3 respondents are needed, there is 1");
    }

    private String attempt(String id, Map<String, Integer> rating) {
        try {
            surveys.answer(inspector(INSPECTORS + 1), id, rating);
            return "ok";
        } catch (SurveyException e) {
            return e.getMessage();
        }
    }

    /** Answers driven by one latent attitude per respondent plus noise, so the statements correlate. */
    @Test
    void theRolesCanChangeAfterTheFirstAnswersWhichStay() throws Exception {
        var definition = Map.of(
                "title",
                "Roles later",
                "roles",
                List.of("INSPECTOR"),
                "constructs",
                List.of(Map.of("name", "analysis", "statements", List.of("Scores help", "Reasons help"))));
        String id = json.readTree(
                        send("admin", "POST", "/api/surveys", definition).body())
                .get("id")
                .asString();
        send("admin", "POST", "/api/surveys/" + id + "/open", null);
        var two = Map.of("Q1", 7, "Q2", 8);
        assertThat(answer(inspector(1), id, two).statusCode()).isEqualTo(201);
        assertThat(answer(INVESTIGATOR, id, two).statusCode()).isEqualTo(403);

        assertThat(send(OFFICER, "PUT", "/api/surveys/" + id + "/roles", Map.of("roles", List.of("INVESTIGATOR")))
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("admin", "PUT", "/api/surveys/" + id + "/roles", Map.of("roles", List.of()))
                        .statusCode())
                .as("an open survey needs a role")
                .isEqualTo(400);
        var changed = send("admin", "PUT", "/api/surveys/" + id + "/roles", Map.of("roles", List.of("INVESTIGATOR")));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

        assertThat(answer(INVESTIGATOR, id, two).statusCode()).isEqualTo(201);
        assertThat(answer(inspector(2), id, two).statusCode())
                .as("no longer invited")
                .isEqualTo(403);
        assertThat(surveys.answers(id)).hasSize(2);
    }

    private static List<Map<String, Integer>> ratings(int respondents, int statements) {
        var random = new Random(7);
        var all = new ArrayList<Map<String, Integer>>();
        for (int r = 0; r < respondents; r++) {
            double attitude = 5.5 + 2 * random.nextGaussian();
            var answer = new LinkedHashMap<String, Integer>();
            for (int q = 1; q <= statements; q++) {
                long value = Math.round(attitude + 1.2 * random.nextGaussian());
                answer.put("Q" + q, (int) Math.max(1, Math.min(10, value)));
            }
            all.add(answer);
        }
        return all;
    }

    private JsonNode cli(String... args) throws Exception {
        var original = System.out;
        var out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(RiskCommand.execute(args)).isZero();
        } finally {
            System.setOut(original);
        }
        return json.readTree(out.toString(StandardCharsets.UTF_8));
    }

    private List<String> listed(String user) throws Exception {
        var ids = new ArrayList<String>();
        json.readTree(send(user, "GET", "/api/surveys", null).body())
                .forEach(s -> ids.add(s.get("id").asString()));
        return ids;
    }

    private HttpResponse<String> answer(String user, String id, Map<String, Integer> ratings) throws Exception {
        return send(user, "POST", "/api/surveys/" + id + "/answers", Map.of("ratings", ratings));
    }

    private static String inspector(int i) {
        return "srv-inspector-" + i;
    }

    private void user(String name, Role role, String company) {
        if (accounts.find(name).isEmpty()) {
            accounts.create(name, PASSWORD, Set.of(role), company);
        }
    }

    private HttpResponse<String> send(String user, String method, String path, Object body) throws Exception {
        return http.send(request(user, method, path, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String user, String method, String path, Object body) throws Exception {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", user.equals("admin") ? TestAdmin.basic() : TestAdmin.basic(user, PASSWORD))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
    }
}
