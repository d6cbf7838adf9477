package customs.risk.documents.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextExtractorTest {

    private final TextExtractor extractor = new TextExtractor();

    @TempDir
    Path dir;

    @Test
    void readsTheTextOfAPdf() throws IOException {
        Path pdf = pdf(dir.resolve("invoice.pdf"), "Commercial invoice INV-2024-0042 for 200 laptops", null);

        var result = extractor.extract(pdf);

        assertThat(result.mediaType()).isEqualTo("application/pdf");
        assertThat(result.text()).contains("Commercial invoice INV-2024-0042 for 200 laptops");
        assertThat(result.encrypted()).isFalse();
        assertThat(result.corrupt()).isFalse();
    }

    @Test
    void readsTheTextOfADocx() throws IOException {
        Path docx = dir.resolve("contract.docx");
        try (var document = new XWPFDocument();
                var out = Files.newOutputStream(docx)) {
            document.createParagraph().createRun().setText("Sales contract between ACME Trading and Busan Seafood");
            document.createParagraph().createRun().setText("Delivery terms: FOB Busan");
            document.getProperties().getCoreProperties().setTitle("Sales contract 7");
            document.write(out);
        }

        var result = extractor.extract(docx);

        assertThat(result.mediaType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(result.text()).contains("Sales contract between ACME Trading and Busan Seafood", "FOB Busan");
        assertThat(result.title()).isEqualTo("Sales contract 7");
    }

    @Test
    void readsPlainTextHtmlAndEmail() throws IOException {
        Path txt = Files.writeString(dir.resolve("a.txt"), "Packing list: 20 cartons of shrimp\n");
        Path html = Files.writeString(
                dir.resolve("b.html"),
                "<html><head><title>Certificate</title></head><body><p>Certificate of origin: Korea</p></body></html>");
        Path eml = Files.writeString(dir.resolve("c.eml"), """
            From: broker@example.com
            To: customs@example.com
            Subject: Revised invoice for DEC-77
            Date: Mon, 3 Jun 2024 10:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/plain; charset=UTF-8

            Please find the revised unit price of 12.40 USD per carton.
            """.replace("\n", "\r\n"));

        assertThat(extractor.extract(txt).text()).contains("Packing list: 20 cartons of shrimp");
        assertThat(extractor.extract(txt).mediaType()).isEqualTo("text/plain");
        var page = extractor.extract(html);
        assertThat(page.mediaType()).isEqualTo("text/html");
        assertThat(page.text()).contains("Certificate of origin: Korea").doesNotContain("<p>");
        var mail = extractor.extract(eml);
        assertThat(mail.mediaType()).isEqualTo("message/rfc822");
        assertThat(mail.text()).contains("revised unit price of 12.40 USD");
        assertThat(mail.title()).isEqualTo("Revised invoice for DEC-77");
    }

    @Test
    void theTypeComesFromTheBytesNotTheFileName() throws IOException {
        Path disguised = pdf(dir.resolve("notes.txt"), "Bill of lading BL-991", null);

        var result = extractor.extract(disguised);

        assertThat(result.mediaType()).isEqualTo("application/pdf");
        assertThat(result.text()).contains("Bill of lading BL-991");
    }

    @Test
    void anImageIsDescribedByItsMetadataOnly() throws IOException {
        Path png = dir.resolve("scan.png");
        ImageIO.write(new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB), "png", png.toFile());

        var result = extractor.extract(png);

        assertThat(result.isImage()).isTrue();
        assertThat(result.mediaType()).isEqualTo("image/png");
        assertThat(result.text()).isEmpty();
        assertThat(result.metadata()).containsEntry("tiff:ImageWidth", "120");
        assertThat(result.corrupt()).isFalse();
    }

    @Test
    void anEncryptedPdfIsFlaggedNotLost() throws IOException {
        Path pdf = pdf(dir.resolve("secret.pdf"), "Confidential price list", "s3cret");

        var result = extractor.extract(pdf);

        assertThat(result.encrypted()).isTrue();
        assertThat(result.mediaType()).isEqualTo("application/pdf");
        assertThat(result.text()).isEmpty();
        assertThat(result.problem()).startsWith("encrypted");
    }

    @Test
    void aPasswordProtectedDocxIsFlaggedNotLost() throws Exception {
        Path plain = dir.resolve("plain.docx");
        try (var document = new XWPFDocument();
                var out = Files.newOutputStream(plain)) {
            document.createParagraph().createRun().setText("Side letter on commissions");
            document.write(out);
        }
        Path protectedDocx = dir.resolve("protected.docx");
        try (var fs = new POIFSFileSystem()) {
            var info = new EncryptionInfo(EncryptionMode.agile);
            var encryptor = info.getEncryptor();
            encryptor.confirmPassword("s3cret");
            try (var pkg = OPCPackage.open(plain.toFile());
                    var os = encryptor.getDataStream(fs)) {
                pkg.save(os);
            }
            try (var out = Files.newOutputStream(protectedDocx)) {
                fs.writeFilesystem(out);
            }
        }

        var result = extractor.extract(protectedDocx);

        assertThat(result.encrypted()).isTrue();
        assertThat(result.text()).doesNotContain("Side letter");
    }

    @Test
    void aCorruptFileIsFlaggedNotLost() throws IOException {
        Path docx = dir.resolve("full.docx");
        try (var document = new XWPFDocument();
                var out = Files.newOutputStream(docx)) {
            document.createParagraph().createRun().setText("x".repeat(5000));
            document.write(out);
        }
        byte[] bytes = Files.readAllBytes(docx);
        Path broken = Files.write(dir.resolve("broken.docx"), Arrays.copyOf(bytes, bytes.length / 3));

        var result = extractor.extract(broken);

        assertThat(result.corrupt()).isTrue();
        assertThat(result.encrypted()).isFalse();
        assertThat(result.problem()).startsWith("cannot be parsed");
    }

    @Test
    void aFileOverTheLimitIsRefusedWithAClearError() throws IOException {
        var small = new TextExtractor(1024, TextExtractor.MAX_CHARS_DEFAULT);
        Path big = Files.writeString(dir.resolve("big.txt"), "word ".repeat(1000));

        assertThatThrownBy(() -> small.extract(big))
                .isInstanceOf(DocumentTooLargeException.class)
                .hasMessageContaining("limit of 1024 bytes");
        assertThatThrownBy(() -> small.extract(
                        new ByteArrayInputStream("word ".repeat(1000).getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(DocumentTooLargeException.class);
        assertThat(small.extract(new ByteArrayInputStream("short note".getBytes(StandardCharsets.UTF_8)))
                        .text())
                .isEqualTo("short note");
    }

    @Test
    void textOverTheCharacterLimitIsCutAndFlagged() throws IOException {
        var brief = new TextExtractor(TextExtractor.MAX_BYTES_DEFAULT, 100);
        Path long_ = Files.writeString(dir.resolve("long.txt"), "cargo ".repeat(100));

        var result = brief.extract(long_);

        assertThat(result.truncated()).isTrue();
        assertThat(result.text().length()).isLessThanOrEqualTo(100);
    }

    /** Writes a one-page PDF with {@code text}, encrypted with {@code userPassword} unless null. */
    static Path pdf(Path file, String text, String userPassword) throws IOException {
        try (var document = new PDDocument()) {
            var page = new PDPage();
            document.addPage(page);
            try (var content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            if (userPassword != null) {
                var policy =
                        new StandardProtectionPolicy("owner-" + userPassword, userPassword, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                document.protect(policy);
            }
            document.save(file.toFile());
        }
        return file;
    }
}
