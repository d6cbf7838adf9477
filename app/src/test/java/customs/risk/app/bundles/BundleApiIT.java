package customs.risk.app.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import customs.risk.app.security.TestAdmin;
import customs.risk.graph.TestFolders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code POST /api/bundles} against the whole application on embedded Neo4j. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.servlet.multipart.max-file-size=4MB", "spring.servlet.multipart.max-request-size=4MB"})
class BundleApiIT {

    private static final String DECLARATIONS = """
            declaration_id,filed_on,direction,office_code,seller_id,buyer_id,hs_code,origin_country,quantity,declared_value
            API-1,2024-01-02,IMPORT,KRPUS,API-C2,API-C1,847130,CN,10,100
            API-2,2024-01-03,IMPORT,KRPUS,API-C2,API-C1,847130,CN,-3,100
            """;
    private static final String COMPANIES = """
            company_id,name,country
            API-C1,Acme,KR
            API-C2,Beta,CN
            """;

    /** A load that was running when the server was killed, as the data dir kept it. */
    private static final String INTERRUPTED_JOB = "0b5c2f3e-8d41-4c1a-9e57-3f6a2d9b7c10";

    private static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        dataDir = TestFolders.temporary("bundle-api-it");
        Files.createDirectories(dataDir.resolve("reports"));
        Files.writeString(dataDir.resolve("reports").resolve(INTERRUPTED_JOB + ".job.json"), """
                {"jobId":"%s","status":"RUNNING","submitted":"2026-01-05T10:00:00Z","statusUrl":"/api/bundles/%s"}
                """.formatted(
                        INTERRUPTED_JOB, INTERRUPTED_JOB));
        Files.createDirectories(
                dataDir.resolve("uploads").resolve(INTERRUPTED_JOB).resolve("bundle"));
        Files.writeString(dataDir.resolve("uploads").resolve(INTERRUPTED_JOB + ".zip"), "half a zip");
        registry.add("risk.data-dir", dataDir::toString);
        TestAdmin.register(registry);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aZippedBundleLoadsInTheBackgroundAndItsReportCanBeDownloaded() throws Exception {
        byte[] zip = zip(Map.of("bundle/declarations.csv", DECLARATIONS, "bundle/companies.csv", COMPANIES));

        var accepted = http.send(
                request("/api/bundles")
                        .header("Content-Type", "multipart/form-data; boundary=XyZ")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart("XyZ", "bundle.zip", zip)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(accepted.statusCode()).isEqualTo(202);
        String jobId = field(accepted.body(), "jobId");
        assertThat(accepted.headers().firstValue("Location")).hasValue("/api/bundles/" + jobId);
        String status = awaitEnd(jobId);
        assertThat(status)
                .contains("\"status\":\"SUCCEEDED\"")
                .contains("\"loaded\":3")
                .contains("\"rejected\":1")
                .contains("\"scoring\":\"not scored: no model trained yet\"")
                .contains("\"reportUrl\":\"/api/bundles/" + jobId + "/report\"");

        var report =
                http.send(request("/api/bundles/" + jobId + "/report").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body())
                .startsWith("severity,file,line,column,value,reason")
                .contains("REJECTED,declarations.csv,3,quantity,-3,must be greater than 0");

        var stats = http.send(request("/api/stats").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stats.body()).contains("\"declarations\":1").contains("\"companies\":2");
    }

    @Test
    void aRawZipBodyIsAcceptedToo() throws Exception {
        byte[] zip = zip(Map.of("declarations.csv", DECLARATIONS.replace("API-", "RAW-")));

        var accepted = http.send(
                request("/api/bundles")
                        .header("Content-Type", "application/zip")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(zip))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(awaitEnd(field(accepted.body(), "jobId")))
                .contains("\"status\":\"SUCCEEDED\"")
                .contains("\"placeholders\":3");
    }

    @Test
    void somethingThatIsNotAZipFailsWithAClearMessage() throws Exception {
        var accepted = http.send(
                request("/api/bundles")
                        .header("Content-Type", "application/zip")
                        .POST(HttpRequest.BodyPublishers.ofString("declaration_id,filed_on\n"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(awaitEnd(field(accepted.body(), "jobId")))
                .contains("\"status\":\"FAILED\"")
                .contains("not a zip archive")
                .as("no report was written, so none is linked")
                .doesNotContain("reportUrl");
    }

    @Test
    void aZipWithoutDeclarationsFails() throws Exception {
        byte[] zip = zip(Map.of("companies.csv", COMPANIES));

        var accepted = http.send(
                request("/api/bundles")
                        .header("Content-Type", "application/zip")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(zip))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(awaitEnd(field(accepted.body(), "jobId"))).contains("declarations.csv is missing");
    }

    @Test
    void aLoadCutShortByAStopIsFailedAtTheNextStartAndItsFilesAreGone() throws Exception {
        var status =
                http.send(request("/api/bundles/" + INTERRUPTED_JOB).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body())
                .contains("\"status\":\"FAILED\"")
                .contains("interrupted: the server stopped")
                .doesNotContain("reportUrl");
        try (var left = Files.list(dataDir.resolve("uploads"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(INTERRUPTED_JOB));
        }
    }

    @Test
    void aFileOfOneEndlessLineFailsItsJobWithAReasonAndTheServerKeepsServing() throws Exception {
        // 2.3 GB of one line, under the unzip cap, in a zip of about 2 MB.
        byte[] zip = oneLine("declarations.csv", 2_300_000_000L);

        var accepted = http.send(
                request("/api/bundles")
                        .header("Content-Type", "application/zip")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(zip))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(awaitEnd(field(accepted.body(), "jobId")))
                .contains("\"status\":\"FAILED\"")
                .contains("declarations.csv")
                .contains("longer than 1,000,000 characters");
        var stats = http.send(request("/api/stats").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stats.statusCode()).isEqualTo(200);
    }

    @Test
    void anOversizedUploadIsRefusedWith413() throws Exception {
        byte[] big = new byte[5 * 1024 * 1024];

        var multipart = http.send(
                request("/api/bundles")
                        .header("Content-Type", "multipart/form-data; boundary=XyZ")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart("XyZ", "big.zip", big)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        var raw = http.send(
                request("/api/bundles")
                        .header("Content-Type", "application/zip")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(big))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(multipart.statusCode()).isEqualTo(413);
        assertThat(multipart.body()).contains("larger than allowed");
        assertThat(raw.statusCode()).isEqualTo(413);
        assertThat(raw.body()).contains("larger than allowed");
    }

    @Test
    void anUnknownJobIs404() throws Exception {
        var response = http.send(request("/api/bundles/no-such-job").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
    }

    private String awaitEnd(String jobId) {
        return await("job " + jobId + " to end")
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> http.send(request("/api/bundles/" + jobId).build(), HttpResponse.BodyHandlers.ofString())
                                .body(),
                        body -> body.contains("\"SUCCEEDED\"") || body.contains("\"FAILED\""));
    }

    /** A request as the test admin: the API answers 401 to anonymous callers. */
    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(url(path)).header("Authorization", TestAdmin.basic());
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String field(String json, String name) {
        int start = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }

    static byte[] zip(Map<String, String> files) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (var e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A zip holding one file of {@code length} bytes with no line break. */
    private static byte[] oneLine(String name, long length) throws IOException {
        var bytes = new ByteArrayOutputStream();
        byte[] block = new byte[1 << 20];
        java.util.Arrays.fill(block, (byte) 'a');
        try (var zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            for (long written = 0; written < length; written += block.length) {
                zip.write(block, 0, (int) Math.min(block.length, length - written));
            }
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] multipart(String boundary, String fileName, byte[] content) throws IOException {
        var body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/zip\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }
}
