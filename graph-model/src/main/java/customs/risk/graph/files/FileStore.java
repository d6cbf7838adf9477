package customs.risk.graph.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Content-addressed file store: a file is kept once under the SHA-256 of its bytes
 * ({@code ab/cd/abcd...}), so the same invoice filed twice takes space once and a name can never
 * point to other bytes. Reads verify the hash, so silent corruption on disk is reported, not served.
 */
public final class FileStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    public FileStore(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the file store in " + root, e);
        }
    }

    /** Stores the bytes of {@code source}; returns their address. Storing the same bytes again is a no-op. */
    public StoredFile put(Path source) throws IOException {
        try (var in = Files.newInputStream(source)) {
            return put(in);
        }
    }

    /** Stores everything {@code in} yields; the caller closes the stream. */
    public StoredFile put(InputStream in) throws IOException {
        Path tmp = Files.createTempFile(root.resolve("tmp"), "incoming-", ".part");
        try {
            var digest = sha256();
            long size;
            try (var hashing = new DigestInputStream(in, digest)) {
                size = Files.copy(hashing, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            String hash = HexFormat.of().formatHex(digest.digest());
            Path target = pathOf(hash);
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target);
                } catch (FileAlreadyExistsException e) {
                    // Another writer stored the same bytes first: same content, nothing to do.
                }
            }
            return new StoredFile(hash, size);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public boolean contains(String sha256) {
        return SHA256.matcher(sha256).matches() && Files.isRegularFile(pathOf(sha256));
    }

    /**
     * Opens the stored bytes. The stream checks the hash when it reaches the end and throws
     * {@link CorruptFileException} if the bytes on disk no longer match their name.
     */
    public InputStream open(String sha256) throws IOException {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 address: " + sha256);
        }
        Path path = pathOf(sha256);
        if (!Files.isRegularFile(path)) {
            throw new java.nio.file.NoSuchFileException("no stored file " + sha256);
        }
        return new VerifyingInputStream(Files.newInputStream(path), sha256);
    }

    /** Reads and verifies a whole stored file. */
    public byte[] read(String sha256) throws IOException {
        try (var in = open(sha256)) {
            return in.readAllBytes();
        }
    }

    private Path pathOf(String sha256) {
        return root.resolve(sha256.substring(0, 2))
                .resolve(sha256.substring(2, 4))
                .resolve(sha256);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    private static final class VerifyingInputStream extends FilterInputStream {
        private final String expected;
        private final MessageDigest digest;
        private boolean verified;

        VerifyingInputStream(InputStream in, String expected) {
            this(in, expected, sha256());
        }

        private VerifyingInputStream(InputStream in, String expected, MessageDigest digest) {
            super(new DigestInputStream(in, digest));
            this.expected = expected;
            this.digest = digest;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                verify();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n < 0) {
                verify();
            }
            return n;
        }

        private void verify() throws IOException {
            if (verified) {
                return;
            }
            verified = true;
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(expected)) {
                throw new CorruptFileException("stored file " + expected + " is corrupt: its bytes hash to " + actual);
            }
        }
    }
}
