package customs.risk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.graph.store.EmbeddedNeo4j;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./risk} commands as a user runs them: output and exit codes, on a real data dir. */
class CommandLineIT {

    private static final String DECLARATIONS = """
            declaration_id,filed_on,direction,office_code,seller_id,buyer_id,hs_code,origin_country,quantity,declared_value
            D1,2024-01-02,IMPORT,KRPUS,C2,C1,847130,CN,10,100
            D2,2024-01-03,IMPORT,KRPUS,C2,C1,847130,CN,5,50
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
    void helpListsTheCommands() {
        assertThat(RiskCommand.execute("--help")).isZero();
        assertThat(out()).contains("serve", "demo", "ingest", "stats", "--help");
        reset();
        assertThat(RiskCommand.execute("ingest", "--help")).isZero();
        assertThat(out()).contains("--report", "--format", "--data-dir");
    }

    @Test
    void ingestThenStatsOnOneDataDir() throws Exception {
        Path bundle = bundle("good", DECLARATIONS);
        String dataDir = tmp.resolve("data").toString();

        int code = RiskCommand.execute(
                "ingest",
                bundle.toString(),
                "--data-dir",
                dataDir,
                "--report",
                tmp.resolve("report.csv").toString());

        assertThat(code).as(err()).isEqualTo(ExitCodes.OK);
        assertThat(out()).contains("Loaded 2 rows, rejected 0, placeholders 3");
        assertThat(Files.readString(tmp.resolve("report.csv"))).contains("PLACEHOLDER");
        reset();

        assertThat(RiskCommand.execute("stats", "--data-dir", dataDir)).isZero();
        assertThat(out().strip())
                .isEqualTo("{\"companies\": 2, \"people\": 0, \"declarations\": 2, \"offices\": 1,"
                        + " \"inspections\": 0, \"documents\": 0, \"placeholders\": 3}");
        reset();

        // Rejected rows: the rest loads, exit code 3, the report holds the reason.
        Path partial = bundle("partial", DECLARATIONS + "D3,2024-13-01,IMPORT,KRPUS,C2,C1,847130,CN,5,50\n");
        assertThat(RiskCommand.execute(
                        "ingest",
                        partial.toString(),
                        "--data-dir",
                        dataDir,
                        "--report",
                        tmp.resolve("partial.csv").toString()))
                .isEqualTo(ExitCodes.PARTIAL);
        assertThat(out()).contains("rejected 1");
        assertThat(Files.readString(tmp.resolve("partial.csv"))).contains("declarations.csv,4,filed_on");
    }

    @Test
    void anUnusableBundleExitsWith2AndSaysWhy() throws Exception {
        String dataDir = tmp.resolve("data").toString();

        assertThat(RiskCommand.execute("ingest", tmp.resolve("nowhere").toString(), "--data-dir", dataDir))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("is not a folder");
        reset();

        Path wrongHeader = bundle("wrong", "id,date\nD1,2024-01-01\n");
        assertThat(RiskCommand.execute("ingest", wrongHeader.toString(), "--data-dir", dataDir))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("declarations.csv: wrong header").doesNotContain("Exception");
        reset();

        assertThat(RiskCommand.execute("ingest", "--no-such-option")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aDataDirInUseByAnotherProcessExitsWith1() throws Exception {
        Path dataDir = tmp.resolve("busy");
        try (var running = EmbeddedNeo4j.start(dataDir.resolve("neo4j"), 0)) {
            int code = RiskCommand.execute("stats", "--data-dir", dataDir.toString());

            assertThat(code).isEqualTo(ExitCodes.FAILURE);
            assertThat(err()).contains("in use by another process");
        }
    }

    @Test
    void onePropertySwitchesToAnExternalServer() throws Exception {
        // A second Neo4j, reached only through its Bolt address, stands in for an external server.
        try (var external = EmbeddedNeo4j.start(tmp.resolve("external"), 0);
                var driver =
                        org.neo4j.driver.GraphDatabase.driver(external.boltUri(), org.neo4j.driver.AuthTokens.none());
                var session = driver.session()) {
            session.run("CREATE (:Company {id: 'EXT-1', name: 'Held externally', country: 'KR'})")
                    .consume();
            Path dataDir = tmp.resolve("data");

            int code = RiskCommand.execute(
                    "stats",
                    "--data-dir",
                    dataDir.toString(),
                    "--risk.neo4j.embedded=false",
                    "--spring.neo4j.uri=" + external.boltUri());

            assertThat(code).as(err()).isZero();
            assertThat(out()).contains("\"companies\": 1");
            assertThat(dataDir.resolve("neo4j")).doesNotExist();
        }
    }

    @Test
    void anExternalServerThatIsDownExitsWith1AndSaysWhere() {
        int code = RiskCommand.execute(
                "stats",
                "--data-dir",
                tmp.resolve("data").toString(),
                "--risk.neo4j.embedded=false",
                "--spring.neo4j.uri=bolt://127.0.0.1:1");

        assertThat(code).isEqualTo(ExitCodes.FAILURE);
        assertThat(err()).contains("cannot use the graph store at bolt://127.0.0.1:1");
    }

    @Test
    void generateWritesABundleThatLoadsWithoutRejections() throws Exception {
        Path out = tmp.resolve("generated");

        assertThat(RiskCommand.execute("generate", "--seed", "5", "--declarations", "2000", "--out", out.toString()))
                .isZero();
        assertThat(out()).contains("Generated 2,000 declarations");
        assertThat(out.resolve("ground_truth.csv")).isNotEmptyFile();
        reset();

        int code = RiskCommand.execute(
                "ingest",
                out.resolve("bundle").toString(),
                "--data-dir",
                tmp.resolve("data").toString(),
                "--report",
                tmp.resolve("report.csv").toString());

        assertThat(code).as(err()).isEqualTo(ExitCodes.OK);
        assertThat(out()).contains("declarations.csv", "2,000 loaded", "rejected 0");
    }

    @Test
    void scoreThenRankPrintsTheRiskiestFirstAsCsv() throws Exception {
        Path out = tmp.resolve("generated");
        RiskCommand.execute("generate", "--seed", "11", "--declarations", "3000", "--out", out.toString());
        String dataDir = tmp.resolve("data").toString();
        RiskCommand.execute("ingest", out.resolve("bundle").toString(), "--data-dir", dataDir);
        assertThat(err()).contains("No model trained yet: run ./risk train");
        reset();

        assertThat(RiskCommand.execute("train", "--data-dir", dataDir))
                .as(err())
                .isZero();
        assertThat(out())
                .contains(
                        "Trained model v0001 on 3000 declarations",
                        "declaration autoencoder: ",
                        "declaration score: ",
                        "company score: ",
                        "price model fit",
                        "declaration model fit",
                        "Scored 3,000 declarations");
        assertThat(tmp.resolve("data/models/v0001/manifest.json")).exists();
        assertThat(tmp.resolve("data/models/v0001/declaration-autoencoder.zip")).exists();
        assertThat(tmp.resolve("data/models/v0001/declaration-model.json")).exists();
        reset();

        assertThat(RiskCommand.execute("score", "--data-dir", dataDir))
                .as(err())
                .isZero();
        assertThat(out())
                .containsPattern("Scored 3,000 declarations \\([\\d,]+ red, [\\d,]+ yellow, [\\d,]+ green\\)")
                .contains("with v0001");
        reset();

        // A later bundle is scored as it comes in, with the current model.
        Path later = tmp.resolve("later");
        RiskCommand.execute("generate", "--seed", "12", "--declarations", "1000", "--out", later.toString());
        reset();
        assertThat(RiskCommand.execute("ingest", later.resolve("bundle").toString(), "--data-dir", dataDir))
                .as(err())
                .isZero();
        assertThat(err()).containsPattern("Scored [1-9][\\d,]* new declarations with model v0001 in [\\d.]+ s");
        assertThat(count(dataDir, "MATCH (d:Declaration) WHERE d.riskScore IS NULL RETURN count(d)"))
                .isZero();
        assertThat(count(dataDir, "MATCH (d:Declaration) WHERE d.riskModel <> 'v0001' RETURN count(d)"))
                .isZero();
        reset();

        // Lanes by inspection capacity: the riskiest 5% go red, whatever the thresholds.
        assertThat(RiskCommand.execute(
                        "score",
                        "--data-dir",
                        dataDir,
                        "--risk.scoring.red-share=0.05",
                        "--risk.scoring.exploration-share=0"))
                .as(err())
                .isZero();
        long scored = count(dataDir, "MATCH (d:Declaration) WHERE d.riskScore IS NOT NULL RETURN count(d)");
        long red = count(dataDir, "MATCH (d:Declaration {riskLane: 'RED'}) RETURN count(d)");
        assertThat(red).as("5%% of %d", scored).isBetween(Math.round(0.05 * scored), Math.round(0.06 * scored));
        Path third = tmp.resolve("third");
        RiskCommand.execute("generate", "--seed", "13", "--declarations", "1000", "--out", third.toString());
        assertThat(RiskCommand.execute(
                        "ingest",
                        third.resolve("bundle").toString(),
                        "--data-dir",
                        dataDir,
                        "--risk.scoring.red-share=0.05",
                        "--risk.scoring.exploration-share=0"))
                .as(err())
                .isZero();
        assertThat(count(dataDir, """
                MATCH (r:Declaration {riskLane: 'RED'}) WITH min(r.riskScore) AS bar
                MATCH (d:Declaration) WHERE d.riskScore IS NULL OR (d.riskScore >= bar) <> (d.riskLane = 'RED')
                RETURN count(d)""")).as("new declarations meet the same bar").isZero();
        reset();

        assertThat(RiskCommand.execute("rank", "entities", "--top", "5", "--data-dir", dataDir))
                .isZero();
        var lines = out().strip().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("rank,entity_id,score,lane,reasons");
        assertThat(lines).hasSize(6);
        var scores = lines.subList(1, 6).stream()
                .map(l -> Double.parseDouble(l.split(",")[2]))
                .toList();
        assertThat(scores).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(lines.get(1)).startsWith("1,").containsPattern(",(red|yellow|green),");
        reset();

        assertThat(RiskCommand.execute("rank", "declarations", "--top", "3", "--data-dir", dataDir))
                .isZero();
        assertThat(out().lines().findFirst()).hasValue("rank,declaration_id,score,lane,reasons");
        reset();
        assertThat(RiskCommand.execute("rank", "nothing", "--data-dir", dataDir))
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void ingestedDocumentsAreSearchableAndTheIndexCanBeRebuilt() throws Exception {
        String dataDir = tmp.resolve("data").toString();
        assertThat(RiskCommand.execute("ingest", "../fixtures/sample/bundle", "--data-dir", dataDir))
                .as(err())
                .isZero();
        assertThat(err()).contains("Indexed 36 new documents for search");
        reset();

        assertThat(RiskCommand.execute("search", "\"commercial invoice\"", "--top", "3", "--data-dir", dataDir))
                .as(err())
                .isZero();
        var lines = out().strip().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("rank,document_id,score,snippet");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("1,INV-").containsIgnoringCase("commercial invoice");
        assertThat(err()).contains("25 documents match");
        reset();

        assertThat(RiskCommand.execute(
                        "search", "\"bill of lading\" NOT invoice", "--top", "50", "--data-dir", dataDir))
                .as(err())
                .isZero();
        assertThat(out().strip().lines().skip(1))
                .hasSize(4)
                .allSatisfy(l -> assertThat(l).contains(",BL-"));
        reset();

        assertThat(RiskCommand.execute("reindex", "--data-dir", dataDir))
                .as(err())
                .isZero();
        assertThat(out()).contains("Reindexed 36 documents");
        reset();
        assertThat(RiskCommand.execute("search", "\"commercial invoice\"", "--data-dir", dataDir))
                .isZero();
        assertThat(err()).contains("25 documents match");
    }

    @Test
    void evaluatePrintsFiguresForGeneratedDataAndKcs() throws Exception {
        // The first rows of each KCS split: the whole product path, at a size a test can afford.
        Path kcs = Files.createDirectories(tmp.resolve("kcs"));
        for (String split : List.of("train", "valid", "test")) {
            String file = "kcs_df_syn_" + split + "_eng.csv";
            try (var lines = Files.lines(Path.of("../datasets/kcs", file))) {
                Files.write(
                        kcs.resolve(file),
                        lines.limit(split.equals("train") ? 6_000 : 1_500).toList());
            }
        }

        int code = RiskCommand.execute(
                "evaluate", "--declarations", "3000", "--kcs", kcs.toString(), "--kcs-splits", "test");

        assertThat(code).as(err()).isZero();
        assertThat(out())
                .containsPattern("top-\\d+ entities: [01]\\.\\d{3} planted, [01]\\.\\d{3} decoys")
                .containsPattern("top-\\d+ declarations: [01]\\.\\d{3} mispriced")
                .contains("scheme,label,companies,in_top_k", "ROUND_TRIP,PLANTED", "DECOY_RECIPROCAL,DECOY")
                .containsPattern("ties among the top 1% of entities: [01]\\.\\d{3}")
                .contains("split,rows,fraud_rate,p@1%,p@2%,p@5%,p@10%", "declarationModel: boosted trees on")
                .containsPattern("test \\(history: train\\+valid\\),14\\d\\d,")
                .contains("published best on test (LightGBM): p@5% = 0.762");
        // What the product ranks first among the new declarations is far above the fraud rate.
        var line = out().lines()
                .filter(l -> l.startsWith("test (history"))
                .findFirst()
                .orElseThrow()
                .split(",");
        assertThat(Double.parseDouble(line[5]))
                .as("p@5%% against a fraud rate of %s", line[2])
                .isGreaterThan(Double.parseDouble(line[2]) + 0.2);
        reset();
        assertThat(RiskCommand.execute(
                        "evaluate",
                        "--skip-generated",
                        "--kcs",
                        tmp.resolve("none").toString()))
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void usersAreManagedFromTheShellAndEachChangeIsAudited() {
        String dataDir = tmp.resolve("data").toString();
        var stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("a-long-shell-password\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(RiskCommand.execute(
                            "users", "add", "shell.inspector", "--role", "INSPECTOR", "--data-dir", dataDir))
                    .as(err())
                    .isZero();
            System.setIn(new java.io.ByteArrayInputStream("shell.other-2024\n".getBytes(StandardCharsets.UTF_8)));
            reset();
            assertThat(RiskCommand.execute("users", "add", "shell.other", "--role", "INSPECTOR", "--data-dir", dataDir))
                    .isEqualTo(ExitCodes.USAGE);
            assertThat(err()).startsWith("error: ").doesNotContain("\tat ");
        } finally {
            System.setIn(stdin);
        }
        assertThat(RiskCommand.execute(
                        "users", "roles", "shell.inspector", "--role", "INVESTIGATOR", "--data-dir", dataDir))
                .isZero();
        assertThat(RiskCommand.execute("users", "disable", "shell.inspector", "--data-dir", dataDir))
                .isZero();
        reset();
        assertThat(RiskCommand.execute("users", "list", "--data-dir", dataDir)).isZero();
        assertThat(out()).contains("shell.inspector\tINVESTIGATOR\tdisabled");
        reset();
        assertThat(RiskCommand.execute("users", "audit", "--data-dir", dataDir)).isZero();
        assertThat(out().lines().map(l -> l.split("\t", 3)[2]))
                .containsExactly(
                        "USER_CREATED\tshell.inspector\tINSPECTOR",
                        "ROLES_CHANGED\tshell.inspector\tINSPECTOR -> INVESTIGATOR",
                        "USER_DISABLED\tshell.inspector\t");
        assertThat(out()).contains("\tconsole\t");
    }

    /** A count read from the data dir's graph by a short-lived application context. */
    private static long count(String dataDir, String cypher) {
        try (var context = ApplicationContexts.start(Path.of(dataDir), false, List.of())) {
            try (var session = context.getBean(org.neo4j.driver.Driver.class).session()) {
                return session.run(cypher).single().get(0).asLong();
            }
        }
    }

    private Path bundle(String name, String declarations) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("declarations.csv"), declarations);
        return dir;
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
