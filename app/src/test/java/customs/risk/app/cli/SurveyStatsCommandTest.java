package customs.risk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code ./risk survey-stats}: pure computation, no application context, so a plain unit test. */
class SurveyStatsCommandTest {

    /** pingouin's cronbach_alpha data set in wide form (see the survey module's PublishedExamplesTest). */
    private static final String PINGOUIN = """
            respondent,Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9,Q10
            0,3,2,4,1,4,5,1,4,3,2
            1,5,4,6,3,5,1,2,5,5,5
            2,7,3,5,5,6,4,3,3,6,5
            3,2,4,3,3,2,2,2,6,6,3
            4,6,5,6,5,4,4,4,6,7,5
            5,1,2,3,4,2,5,2,3,5,2
            6,4,3,5,3,5,2,1,2,4,3
            7,2,4,4,3,7,2,2,4,6,5
            8,6,5,5,5,1,6,5,2,3,2
            9,5,4,6,4,3,5,3,1,7,2
            10,4,3,5,2,5,3,2,3,4,1
            11,4,2,3,2,5,3,4,2,3,4
            12,5,5,6,2,3,3,2,4,4,5
            13,6,5,5,4,2,2,1,4,6,5
            14,4,3,5,5,3,1,3,2,3,4
            """;

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void captureOutput() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void printsOneJsonObjectWithTheRequiredKeys() throws Exception {
        Path file = Files.writeString(tmp.resolve("answers.csv"), PINGOUIN);

        int code = RiskCommand.execute("survey-stats", file.toString(), "--construct", "first=Q1,Q2,Q3");

        assertThat(code).as(err.toString()).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("n").asInt()).isEqualTo(15);
        assertThat(json.get("items")).hasSize(10);
        assertThat(json.get("cronbach_alpha").asDouble()).isCloseTo(0.591719, within(5e-7));
        assertThat(json.get("alpha_ci95").get(0).asDouble()).isCloseTo(0.195, within(0.0005));
        assertThat(json.get("alpha_ci95").get(1).asDouble()).isCloseTo(0.840, within(0.0005));
        assertThat(json.get("means").get("Q1").asDouble()).isCloseTo(64 / 15.0, within(1e-12));
        assertThat(json.get("kmo_per_item").size()).isEqualTo(10);
        for (String key : new String[] {"kmo", "bartlett_chi2", "bartlett_df", "bartlett_p", "sds"}) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        assertThat(json.get("bartlett_df").asInt()).isEqualTo(45);
        assertThat(json.get("interpretation").get("kmo").asString()).contains("unacceptable");
        assertThat(json.get("constructs").get(0).get("name").asString()).isEqualTo("first");
        assertThat(json.get("excluded_incomplete").asInt()).isZero();
    }

    @Test
    void aBadFileIsExitCodeTwoWithTheRowAndColumn() throws Exception {
        Path file = Files.writeString(tmp.resolve("bad.csv"), "a,b\n1,2\n3,x\n");

        assertThat(RiskCommand.execute("survey-stats", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: row 3, column 2 (b): \"x\" is not a number");
        assertThat(out.size()).isZero();
    }

    @Test
    void tooFewRespondentsIsExitCodeTwo() throws Exception {
        Path file = Files.writeString(tmp.resolve("small.csv"), "a,b\n1,2\n3,4\n");

        assertThat(RiskCommand.execute("survey-stats", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("at least 3 respondents");
    }
}
