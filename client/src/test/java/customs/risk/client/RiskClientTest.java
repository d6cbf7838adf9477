package customs.risk.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user typing the command wrongly sees: one line and exit code 2, nothing sent or queued. */
class RiskClientTest {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return RiskClient.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String error() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void argumentMistakesAreOneLineAndExitCodeTwo() {
        var env = Map.of("RISK_PASSWORD", "secret", "HOME", temp.toString());
        String folder = temp.toString();

        assertThat(run(env)).isEqualTo(RiskClient.WRONG_USE);
        assertThat(run(env, "submit", "--user", "kim", folder)).isEqualTo(RiskClient.WRONG_USE);
        assertThat(run(env, "submit", "--server", "https://customs.example", folder))
                .isEqualTo(RiskClient.WRONG_USE);
        assertThat(run(env, "submit", "--server", "https://customs.example", "--user", "kim"))
                .isEqualTo(RiskClient.WRONG_USE);
        assertThat(run(env, "submit", "--server", "https://customs.example", "--user", "kim", "--colour", "x", folder))
                .isEqualTo(RiskClient.WRONG_USE);
        assertThat(run(env, "submit", "--server", "https://customs.example", "--user", "kim", "--password", "x"))
                .isEqualTo(RiskClient.WRONG_USE);
        assertThat(run(env, "submit", "--server", "https://customs.example", "--user", "kim", "/no/such/folder"))
                .isEqualTo(RiskClient.WRONG_USE);

        assertThat(error().lines())
                .hasSize(7)
                .containsExactly(
                        "risk-client: no command (risk-client --help)",
                        "risk-client: --server is required (risk-client --help)",
                        "risk-client: --user is required (risk-client --help)",
                        "risk-client: the folder of files to send is missing (risk-client --help)",
                        "risk-client: unknown option --colour (risk-client --help)",
                        "risk-client: no --password: set RISK_PASSWORD or type it when asked (risk-client --help)",
                        "risk-client: /no/such/folder is not a folder");
        assertThat(temp.resolve(".risk-client")).doesNotExist();
    }

    @Test
    void plainHttpIsRefusedExceptToThisMachine() {
        var env = Map.of("RISK_PASSWORD", "secret", "HOME", temp.toString());

        assertThat(run(env, "submit", "--server", "http://customs.example", "--user", "kim", temp.toString()))
                .isEqualTo(RiskClient.WRONG_USE);
        assertThat(error()).contains("refusing plain http:// to customs.example");

        // Loopback is fine (an empty folder: nothing to send).
        assertThat(run(env, "submit", "--server", "http://127.0.0.1:9", "--user", "kim", temp.toString()))
                .isEqualTo(RiskClient.ALL_SENT);
    }

    @Test
    void withoutAPasswordNothingIsSent() {
        assertThat(run(
                        Map.of("HOME", temp.toString()),
                        "submit",
                        "--server",
                        "https://customs.example",
                        "--user",
                        "kim",
                        temp.toString()))
                .isEqualTo(RiskClient.WRONG_USE);
        assertThat(error()).startsWith("risk-client: no password: set RISK_PASSWORD");
    }

    @Test
    void aFileIsQueuedOnceAndNeverAgainAfterItWasSent() throws IOException {
        var queue = new Queue(temp.resolve("queue"));
        Path file = Files.writeString(temp.resolve("march.csv"), "declaration_id\nD-1\n");

        assertThat(queue.add(file)).isTrue();
        assertThat(queue.add(file)).isFalse();
        assertThat(queue.pending())
                .singleElement()
                .satisfies(e -> assertThat(e.fileName()).isEqualTo("march.csv"));

        queue.sent(queue.pending().getFirst(), "{\"received\":1}");
        assertThat(queue.pending()).isEmpty();
        assertThat(queue.add(file)).isFalse();

        Files.writeString(file, "declaration_id\nD-1\nD-2\n");
        assertThat(queue.add(file)).as("a changed file is new").isTrue();
    }

    @Test
    void queuedFilesComeOutOldestFirstAndARefusedOneMovesAside() throws IOException {
        var queue = new Queue(temp.resolve("queue"));
        queue.add(Files.writeString(temp.resolve("b.csv"), "b"));
        queue.add(Files.writeString(temp.resolve("a.csv"), "a"));

        assertThat(queue.pending()).extracting(Queue.Entry::fileName).containsExactly("b.csv", "a.csv");

        Path aside = queue.refused(queue.pending().getFirst(), "wrong header");
        assertThat(aside).exists();
        assertThat(queue.pending()).extracting(Queue.Entry::fileName).containsExactly("a.csv");
        assertThat(queue.add(temp.resolve("b.csv")))
                .as("refused, not forgotten")
                .isFalse();
    }

    @Test
    void readsTheServersJson() {
        assertThat(Json.parse("{\"a\": [1, \"x\\\"y\", true, null], \"b\": {\"c\": -2.5e1}}"))
                .isEqualTo(Map.of("a", java.util.Arrays.asList(1.0, "x\"y", true, null), "b", Map.of("c", -25.0)));
    }
}
