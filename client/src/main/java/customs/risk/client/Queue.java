package customs.risk.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The local queue of files to send, in a folder of the user's: {@code pending/} (copies waiting,
 * oldest first), {@code sent/} (one marker per file content the server answered with a report, so
 * the same file is never sent again), {@code refused/} (files the server refused as a whole, kept
 * for the user to fix). A file is known by the SHA-256 of its content: queuing it twice, or after it
 * was sent, does nothing. Every step is a write to a temporary name and an atomic move, so a crash
 * leaves each file either queued or not, never half.
 */
final class Queue {

    /** A file waiting to be sent. */
    record Entry(Path path, String hash, String fileName) {}

    private final Path pending;
    private final Path sent;
    private final Path refused;
    private long lastStamp;

    Queue(Path folder) throws IOException {
        this.pending = Files.createDirectories(folder.resolve("pending"));
        this.sent = Files.createDirectories(folder.resolve("sent"));
        this.refused = Files.createDirectories(folder.resolve("refused"));
    }

    /**
     * Queues a copy of {@code file} unless its content is queued, was sent or refused already.
     *
     * @return true when it was queued now
     */
    boolean add(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        String hash = hash(content);
        if (known(hash)) {
            return false;
        }
        // The time first, so that the folder's order is the order of queuing.
        String name = String.format("%013d_%s_%s", stamp(), hash, file.getFileName());
        Path temporary = pending.resolve(".incoming-" + hash);
        Files.write(temporary, content);
        Files.move(temporary, pending.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** The files waiting, oldest first; a file already sent (a crash after the answer) is dropped. */
    List<Entry> pending() throws IOException {
        var entries = new ArrayList<Entry>();
        try (Stream<Path> files = Files.list(pending)) {
            for (Path path : files.sorted().toList()) {
                String[] parts = path.getFileName().toString().split("_", 3);
                if (parts.length < 3 || path.getFileName().toString().startsWith(".")) {
                    continue;
                }
                if (Files.exists(sent.resolve(parts[1]))) {
                    Files.deleteIfExists(path);
                    continue;
                }
                entries.add(new Entry(path, parts[1], parts[2]));
            }
        }
        return entries;
    }

    /** The server answered with a report: the report is kept as the marker, then the copy goes. */
    void sent(Entry entry, String report) throws IOException {
        Path temporary = sent.resolve(".incoming-" + entry.hash());
        Files.writeString(temporary, report, StandardCharsets.UTF_8);
        Files.move(temporary, sent.resolve(entry.hash()), StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(entry.path());
    }

    /** The server refused the file as a whole: it moves aside with the reason, for the user to fix. */
    Path refused(Entry entry, String reason) throws IOException {
        Path target = refused.resolve(entry.path().getFileName());
        Files.move(entry.path(), target, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(refused.resolve(entry.path().getFileName() + ".reason.txt"), reason + "\n");
        return target;
    }

    int size() throws IOException {
        return pending().size();
    }

    Path folder() {
        return pending.getParent();
    }

    private boolean known(String hash) throws IOException {
        if (Files.exists(sent.resolve(hash))) {
            return true;
        }
        for (Path folder : List.of(pending, refused)) {
            try (Stream<Path> files = Files.list(folder)) {
                if (files.anyMatch(p -> p.getFileName().toString().contains("_" + hash + "_"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private long stamp() {
        lastStamp = Math.max(System.currentTimeMillis(), lastStamp + 1);
        return lastStamp;
    }

    private static String hash(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
