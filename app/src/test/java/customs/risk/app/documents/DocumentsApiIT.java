package customs.risk.app.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import customs.risk.app.security.TestAdmin;
import customs.risk.documents.filing.DocumentService;
import customs.risk.graph.TestFolders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Filed documents over REST against the real in-process Elasticsearch node and Neo4j. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DocumentsApiIT {

    private static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        dataDir = TestFolders.temporary("documents-api-it");
        registry.add("risk.data-dir", dataDir::toString);
        registry.add("risk.documents.max-size", () -> "256KB");
        TestAdmin.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    @Autowired
    DocumentService documents;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anUploadedPdfIsFoundByItsPhraseWithItsLinksFacetsAndSnippet() throws Exception {
        graph();
        var upload = upload(
                pdf("Commercial invoice for 400 units of tungsten filament lamps shipped from Ningbo"),
                "lamps.pdf",
                "INVOICE",
                "D-100",
                "C-SELLER");
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        assertThat(upload.body()).contains("\"contentType\":\"application/pdf\"", "\"indexing\":\"INDEXED\"");

        var found = get("/api/documents/search?q=" + encode("\"tungsten filament\""));
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body())
                .contains(
                        "\"total\":1",
                        "\"rank\":1",
                        "<em>tungsten filament</em>",
                        "\"declarations\":[\"D-100\"]",
                        "\"hsCodes\":[\"853921\"]",
                        "C-BUYER",
                        "C-SELLER",
                        "\"type\":[{\"value\":\"INVOICE\",\"count\":1}]",
                        "\"year\":[{\"value\":\"2024\",\"count\":1}]");
        assertThat(get("/api/documents/search?q=tungsten&type=CONTRACT").body()).contains("\"total\":0");
        assertThat(get("/api/documents/search?q=tungsten&hs=8539&from=2024-01-01")
                        .body())
                .contains("\"total\":1");

        String file = get(fieldOf(upload.body(), "fileUrl")).body();
        assertThat(file).startsWith("%PDF");
        try (var session = driver.session()) {
            assertThat(session.run("MATCH (:Company {id: 'C-SELLER'})-[:FILED]->(d:Document)-[:SUPPORTS]->(:Declaration"
                                    + " {id: 'D-100'}) RETURN d.contentType")
                            .single()
                            .get(0)
                            .asString())
                    .isEqualTo("application/pdf");
        }
    }

    @Test
    void aChineseDocumentIsFoundByAChineseQuery() throws Exception {
        graph();
        var upload = upload(
                "商业发票：钨丝灯泡四百件，由宁波港装运。".getBytes(StandardCharsets.UTF_8), "fapiao.txt", "INVOICE", null, "C-SELLER");
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);

        assertThat(get("/api/documents/search?q=" + encode("宁波港")).body()).contains("\"total\":1", "fapiao.txt");
    }

    @Test
    void badUploadsAreRefusedWithAReasonAndLeaveNothingBehind() throws Exception {
        graph();
        long filesBefore = storedFiles();
        var tooLarge = upload(new byte[300 * 1024], "big.bin", "OTHER", null, null);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("larger than the limit of 262144 bytes");
        assertThat(storedFiles()).isEqualTo(filesBefore);

        var unknown = upload("text".getBytes(StandardCharsets.UTF_8), "a.txt", "INVOICE", "NO-SUCH-ITEM", null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("declaration NO-SUCH-ITEM is not in the graph");
        var badType = upload("text".getBytes(StandardCharsets.UTF_8), "a.txt", "RECEIPT", null, null);
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(badType.body()).contains("unknown document type 'RECEIPT'");
        assertThat(get("/api/documents/search?size=0").statusCode()).isEqualTo(400);
    }

    @Test
    void whileTheEngineIsDownUploadsAreKeptAndIndexedWhenItIsBack() throws Exception {
        graph();
        documents.engine().index();
        documents.engine().embeddedNode().stop();
        assertThat(get("/actuator/health").body()).contains("\"documentSearch\":{\"status\":\"DOWN\"");
        try {
            var upload = upload(
                    "Packing list: 12 crates of osmium crucibles".getBytes(StandardCharsets.UTF_8),
                    "packing.txt",
                    "PACKING_LIST",
                    null,
                    "C-SELLER");
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
            assertThat(upload.body()).contains("\"indexing\":\"QUEUED\"");
            assertThat(documents.pending()).isPositive();
            assertThat(get(fieldOf(upload.body(), "fileUrl")).body()).contains("osmium crucibles");
        } finally {
            documents.engine().embeddedNode().start();
        }
        await("the outbox drained").atMost(Duration.ofSeconds(30)).until(() -> documents.pending() == 0);
        // The drain refreshes the index after it has emptied the outbox: a search may come in between.
        await("the kept upload found")
                .atMost(Duration.ofSeconds(10))
                .until(() -> get("/api/documents/search?q=osmium").body().contains("\"total\":1"));
        assertThat(get("/api/documents/search?q=osmium").body()).contains("\"total\":1", "packing.txt");
        assertThat(get("/actuator/health/readiness").body()).contains("\"documentSearch\":{\"status\":\"UP\"");
    }

    @Test
    void aCompanysDocumentsIncludeThoseThatNameItFiledBySomeoneElse() throws Exception {
        graph();
        upload(
                "Letter of credit in favour of Hanbit Lamp Trading, Busan, for the lamp order"
                        .getBytes(StandardCharsets.UTF_8),
                "lc.txt",
                "OTHER",
                null,
                "C-SELLER");

        var mentioning = get("/api/companies/C-BUYER/documents");
        assertThat(mentioning.statusCode()).isEqualTo(200);
        assertThat(mentioning.body()).contains("lc.txt");
        assertThat(get("/api/companies/NOBODY/documents").statusCode()).isEqualTo(404);
    }

    @Test
    void snippetsShowTheDocumentsMarkupAsTextAndFilesDownloadUnderTheirUnicodeNames() throws Exception {
        var korean = upload(
                "Invoice <b onmouseover=alert(1)>bold</b> & zebracrate shipment".getBytes(StandardCharsets.UTF_8),
                "송장.txt",
                "INVOICE",
                null,
                null);
        assertThat(korean.statusCode()).as(korean.body()).isEqualTo(201);
        var german = upload("Lieferschein".getBytes(StandardCharsets.UTF_8), "ü.txt", "OTHER", null, null);

        String found = get("/api/documents/search?q=zebracrate").body();
        assertThat(found)
                .contains("&lt;b onmouseover=alert(1)&gt;", "&amp;", "<em>zebracrate</em>")
                .doesNotContain("<b ");
        assertThat(get(fieldOf(korean.body(), "fileUrl")).headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"__.txt\"; filename*=UTF-8''%EC%86%A1%EC%9E%A5.txt");
        assertThat(get(fieldOf(german.body(), "fileUrl")).headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"_.txt\"; filename*=UTF-8''%C3%BC.txt");
    }

    private void graph() {
        try (var session = driver.session()) {
            session.run("""
                    MERGE (s:Company {id: 'C-SELLER'}) SET s.name = 'Ningbo Bright Lamps Co'
                    MERGE (b:Company {id: 'C-BUYER'}) SET b.name = 'Hanbit Lamp Trading'
                    MERGE (d:Declaration {id: 'D-100'}) SET d.hsCode = '853921', d.filedOn = date('2024-05-02')
                    MERGE (d)-[:SOLD_BY]->(s)
                    MERGE (d)-[:BOUGHT_BY]->(b)
                    """).consume();
        }
    }

    private long storedFiles() throws IOException {
        try (var walk = Files.walk(dataDir.resolve("files"))) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    private HttpResponse<String> upload(
            byte[] content, String fileName, String docType, String declarationId, String companyId) throws Exception {
        var body = new ByteArrayOutputStream();
        String boundary = "DocBoundary";
        var fields = new java.util.LinkedHashMap<String, String>();
        fields.put("docType", docType);
        if (declarationId != null) {
            fields.put("declarationId", declarationId);
        }
        if (companyId != null) {
            fields.put("companyId", companyId);
        }
        fields.put("filedOn", "2024-05-03");
        for (var field : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                            + field.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/documents"))
                        .header("Authorization", TestAdmin.basic())
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", TestAdmin.basic())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String fieldOf(String json, String name) {
        int start = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static byte[] pdf(String text) throws IOException {
        try (var document = new PDDocument();
                var out = new ByteArrayOutputStream()) {
            var page = new PDPage();
            document.addPage(page);
            try (var content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                content.newLineAtOffset(50, 700);
                content.showText(text);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        }
    }
}
