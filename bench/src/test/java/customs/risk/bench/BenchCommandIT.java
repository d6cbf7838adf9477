package customs.risk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.app.cli.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ./risk bench} as a user runs it: each benchmark prints its figures, a wrong one is a usage error. */
class BenchCommandIT {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    /**
     * 'bench ui' starts the web application; in development mode Vaadin reads the project's frontend
     * folder, which is the application's.
     */
    @org.junit.jupiter.api.BeforeAll
    static void vaadinProject() {
        System.setProperty(
                "vaadin.project.basedir",
                java.nio.file.Path.of("../app").toAbsolutePath().normalize().toString());
    }

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
    void benchIngestPrintsRatesForBothStores() {
        int code = BenchMain.execute("bench", "ingest", "--declarations", "2000", "--second", "1000");

        assertThat(code).as(err()).isZero();
        assertThat(out())
                .containsPattern("empty store, offline import \\+ indexes: +2,000 declarations in .* declarations/s")
                .containsPattern("filled store, transactions: +1,000 declarations in .* declarations/s")
                .contains("peak heap");
        reset();
        assertThat(BenchMain.execute("bench", "score", "--declarations", "2000", "--second", "1000"))
                .as(err())
                .isZero();
        assertThat(out())
                .containsPattern("training \\(fit v0001 and rescore with it\\): [\\d.]+ s")
                .containsPattern("full rescoring with v0001: [\\d.]+ s")
                .contains(
                        "projection load",
                        "loops",
                        "clusters",
                        "price model fit",
                        "risk spreading",
                        "declaration autoencoder fit",
                        "declaration model fit",
                        "company model fit",
                        "scoring",
                        "write-back",
                        "peak heap",
                        "declaration score: ",
                        "company score: ")
                .containsPattern("incremental scoring after loading 1,000 more declarations: [\\d,]+ new declarations"
                        + " scored with v0001 in [\\d.]+ s")
                .containsPattern("[\\d,]+ declaration scores changed and were stored");
        reset();
        assertThat(BenchMain.execute("bench", "documents", "--count", "1500"))
                .as(err())
                .isZero();
        assertThat(out())
                .contains(
                        "Documents benchmark: 1,500 documents",
                        "documents/s",
                        "query p95 (ms)",
                        "Totals of matches differing between the engines: 0");
        reset();
        assertThat(BenchMain.execute("bench", "ui", "--declarations", "3000"))
                .as(err())
                .isZero();
        assertThat(out())
                .containsPattern("ranking: first 50 entities +cold +[\\d.]+ ms, warm median +[\\d.]+ ms")
                .containsPattern("network: busiest company .* first 50 partners +cold")
                .containsPattern("timeline: busiest company, every kind, 200 entries each +cold")
                .containsPattern("evidence: .* cold +[\\d.]+ ms")
                .containsPattern(
                        "browser: /network\\?evidence=\\S+ \\(\\d+ nodes\\), navigation to first paint +cold +[\\d.]+ ms");
        reset();
        assertThat(BenchMain.execute("bench", "resolve", "--companies", "3000"))
                .as(err())
                .isZero();
        assertThat(out())
                .containsPattern("full resolution: [\\d.]+ s for [\\d,]+ records; [\\d,]+ candidate pairs")
                .containsPattern("pairwise precision [\\d.]+ \\(target >= 0.98\\), recall [\\d.]+")
                .containsPattern("incremental resolution after loading [\\d,]+ more records: [\\d.]+ s")
                .contains("peak heap");
        reset();
        assertThat(BenchMain.execute("bench", "nothing")).isEqualTo(ExitCodes.USAGE);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private void reset() {
        out.reset();
        err.reset();
    }
}
