package customs.risk.graph.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTest {

    @TempDir
    Path root;

    @Test
    void storesBytesUnderTheirSha256AndReadsThemBack() throws Exception {
        var store = new FileStore(root);
        byte[] invoice = "INVOICE 42: 10 laptops, USD 4,000".getBytes(StandardCharsets.UTF_8);

        var stored = store.put(new ByteArrayInputStream(invoice));

        assertThat(stored.sha256()).hasSize(64).isEqualTo(sha256Hex(invoice));
        assertThat(stored.size()).isEqualTo(invoice.length);
        assertThat(store.read(stored.sha256())).isEqualTo(invoice);
        assertThat(store.contains(stored.sha256())).isTrue();
    }

    @Test
    void theSameBytesAreKeptOnce() throws Exception {
        var store = new FileStore(root);
        byte[] bytes = "same content".getBytes(StandardCharsets.UTF_8);

        var first = store.put(new ByteArrayInputStream(bytes));
        var second = store.put(new ByteArrayInputStream(bytes));

        assertThat(second).isEqualTo(first);
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
    }

    @Test
    void corruptionOnDiskIsReportedNotServed() throws Exception {
        var store = new FileStore(root);
        var stored = store.put(new ByteArrayInputStream("original".getBytes(StandardCharsets.UTF_8)));
        Path onDisk;
        try (var files = Files.walk(root)) {
            onDisk = files.filter(p -> p.getFileName().toString().equals(stored.sha256()))
                    .findFirst()
                    .orElseThrow();
        }
        Files.writeString(onDisk, "tampered");

        assertThatThrownBy(() -> store.read(stored.sha256()))
                .isInstanceOf(CorruptFileException.class)
                .hasMessageContaining(stored.sha256());
    }

    @Test
    void unknownOrMalformedAddressesAreRefused() {
        var store = new FileStore(root);
        assertThat(store.contains("../../etc/passwd")).isFalse();
        assertThatThrownBy(() -> store.open("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open("0".repeat(64))).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
