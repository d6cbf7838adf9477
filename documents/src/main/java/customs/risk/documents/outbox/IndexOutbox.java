package customs.risk.documents.outbox;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import customs.risk.documents.search.DocumentIndex;
import customs.risk.documents.search.IndexedDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Durable queue of indexing requests, so a document filed while Elasticsearch is down is still
 * indexed once it is back, even across restarts. Each pending document is one small JSON file
 * in the folder, written to a temporary file, synced and atomically renamed, so a crash leaves
 * either the old or the new request, never half of one. A newer request for the same document
 * replaces the older one (only the latest text matters).
 *
 * <p>{@link #submit} writes the request first and then tries to index it, deleting the file only
 * once Elasticsearch has it: nothing is lost between the two. {@link #drain} retries all pending
 * requests in bulk; call it when the engine reports healthy again (e.g. on a schedule). Documents
 * Elasticsearch refuses for good (a malformed document) move to {@code rejected/} with the reason,
 * so one bad document does not block the rest. Thread-safe within one process.
 */
public final class IndexOutbox {

    public static final int BATCH_SIZE_DEFAULT = 500;
    private static final Logger log = LoggerFactory.getLogger(IndexOutbox.class);
    private static final String SUFFIX = ".json";

    private final Path folder;
    private final Path tmp;
    private final Path rejected;
    private final DocumentIndex index;
    private final int batchSize;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Object files = new Object();

    public IndexOutbox(Path folder, DocumentIndex index) {
        this(folder, index, BATCH_SIZE_DEFAULT);
    }

    public IndexOutbox(Path folder, DocumentIndex index, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        this.folder = folder;
        this.tmp = folder.resolve("tmp");
        this.rejected = folder.resolve("rejected");
        this.index = index;
        this.batchSize = batchSize;
        try {
            Files.createDirectories(tmp);
            Files.createDirectories(rejected);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the outbox in " + folder, e);
        }
    }

    /**
     * Queues {@code document} durably without indexing it: for many documents at once, which
     * {@link #drain} then indexes in bulk.
     *
     * @throws IOException if the request cannot be written to the outbox folder
     */
    public void enqueue(IndexedDocument document) throws IOException {
        write(fileOf(document.documentId()), json.writeValueAsBytes(new Entry(Instant.now(), document)));
    }

    /**
     * Queues {@code document} durably, then tries to index it now.
     *
     * @return true if it is indexed now, false if it waits in the outbox for {@link #drain}
     * @throws IOException if the request cannot be written to the outbox folder
     */
    public boolean submit(IndexedDocument document) throws IOException {
        byte[] bytes = json.writeValueAsBytes(new Entry(Instant.now(), document));
        Path file = fileOf(document.documentId());
        write(file, bytes);
        try {
            index.index(document);
        } catch (ElasticsearchException e) {
            if (DocumentIndex.isPermanentFailure(e.status())) {
                reject(file, bytes, e.getMessage());
            } else {
                log.info("document {} queued for indexing: {}", document.documentId(), e.getMessage());
            }
            return false;
        } catch (IOException | RuntimeException e) {
            log.info(
                    "document {} queued for indexing, search engine unreachable: {}",
                    document.documentId(),
                    e.toString());
            return false;
        }
        deleteIfUnchanged(file, bytes);
        return true;
    }

    /**
     * Indexes every pending request in batches and removes those Elasticsearch accepted. Stops at
     * the first batch that cannot be delivered (engine still down): what is left stays queued.
     */
    public DrainResult drain() {
        int indexed = 0;
        int refused = 0;
        try {
            index.createIfMissing();
        } catch (IOException | RuntimeException e) {
            return new DrainResult(0, 0, pending(), "search engine unreachable: " + e.getMessage());
        }
        List<Path> queue = pendingFiles();
        for (int from = 0; from < queue.size(); from += batchSize) {
            Map<String, Loaded> batch = new LinkedHashMap<>();
            for (Path file : queue.subList(from, Math.min(queue.size(), from + batchSize))) {
                Loaded loaded = load(file);
                if (loaded != null) {
                    batch.put(loaded.entry.document().documentId(), loaded);
                }
            }
            DocumentIndex.BulkOutcome outcome;
            try {
                outcome = index.index(
                        batch.values().stream().map(l -> l.entry.document()).toList());
            } catch (IOException | RuntimeException e) {
                return new DrainResult(indexed, refused, pending(), "search engine unreachable: " + e.getMessage());
            }
            for (var item : batch.entrySet()) {
                String id = item.getKey();
                Loaded loaded = item.getValue();
                if (outcome.rejected().containsKey(id)) {
                    reject(loaded.file, loaded.bytes, outcome.rejected().get(id));
                    refused++;
                } else if (!outcome.retryable().containsKey(id)) {
                    deleteIfUnchanged(loaded.file, loaded.bytes);
                    indexed++;
                }
            }
        }
        return new DrainResult(indexed, refused, pending(), "");
    }

    /** Number of requests waiting for the search engine. */
    public int pending() {
        return pendingFiles().size();
    }

    /** Number of documents Elasticsearch refused for good, kept in {@code rejected/}. */
    public int rejectedCount() {
        try (Stream<Path> list = Files.list(rejected)) {
            return (int) list.filter(p -> p.toString().endsWith(SUFFIX)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> pendingFiles() {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the outbox " + folder, e);
        }
    }

    private Loaded load(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            try {
                return new Loaded(file, bytes, json.readValue(bytes, Entry.class));
            } catch (JacksonException e) {
                reject(file, bytes, "unreadable outbox entry: " + e.getOriginalMessage());
                return null;
            }
        } catch (NoSuchFileException e) {
            return null; // indexed by a concurrent submit meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void write(Path file, byte[] bytes) throws IOException {
        synchronized (files) {
            Path part = Files.createTempFile(tmp, "entry-", ".part");
            try {
                try (var channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(bytes));
                    channel.force(true);
                }
                try {
                    Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(part);
            }
        }
    }

    /** Removes a delivered request unless a newer one for the same document replaced it meanwhile. */
    private void deleteIfUnchanged(Path file, byte[] delivered) {
        synchronized (files) {
            try {
                if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), delivered)) {
                    Files.delete(file);
                }
            } catch (IOException e) {
                log.warn("cannot remove delivered outbox entry {}: {}", file, e.toString());
            }
        }
    }

    private void reject(Path file, byte[] bytes, String reason) {
        synchronized (files) {
            try {
                String name = file.getFileName().toString();
                Files.write(rejected.resolve(name), bytes);
                Files.writeString(
                        rejected.resolve(name + ".reason.txt"),
                        reason + System.lineSeparator(),
                        StandardCharsets.UTF_8);
                if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
                    Files.delete(file);
                }
                log.warn("search engine refused outbox entry {}: {}", name, reason);
            } catch (IOException e) {
                log.warn("cannot move refused outbox entry {}: {}", file, e.toString());
            }
        }
    }

    /** One file per document id; hashed because ids may hold characters some file systems refuse. */
    private Path fileOf(String documentId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(documentId.getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(hash, 0, 16) + SUFFIX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    /** What one outbox file holds. */
    record Entry(Instant queuedAt, IndexedDocument document) {}

    private record Loaded(Path file, byte[] bytes, Entry entry) {}

    /**
     * Outcome of {@link #drain}: documents indexed, refused for good, still waiting, and why the
     * drain stopped early (empty if it went through).
     */
    public record DrainResult(int indexed, int rejected, int remaining, String stoppedBecause) {}
}
