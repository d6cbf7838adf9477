package customs.risk.app.documents;

import customs.risk.documents.extract.DocumentTooLargeException;
import customs.risk.documents.extract.ExtractedText;
import customs.risk.documents.extract.TextExtractor;
import customs.risk.documents.outbox.IndexOutbox;
import customs.risk.documents.search.DocumentQuery;
import customs.risk.documents.search.IndexedDocument;
import customs.risk.documents.search.SearchResults;
import customs.risk.graph.files.FileStore;
import customs.risk.graph.files.LimitedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Filed documents: intake (file store, text extraction, graph links, indexing through the durable
 * outbox), search, and rebuilding the index from the file store and the graph. The file and its
 * links are kept even when the search engine is down; the indexing waits in the outbox, which a
 * background task drains every few seconds.
 */
public class DocumentService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DocumentService.class);
    public static final Set<String> TYPES = Set.of("INVOICE", "BILL_OF_LADING", "PACKING_LIST", "CERTIFICATE_OF_ORIGIN",
            "CONTRACT", "OTHER");
    static final Duration DRAIN_EVERY = Duration.ofSeconds(5);
    private static final int BATCH = 500;

    /**
     * A document as filed.
     *
     * @param documentId its id
     * @param sha256 address of the bytes in the file store
     * @param size bytes
     * @param contentType type sniffed from the content
     * @param encrypted password-protected: kept, text unreadable
     * @param corrupt could not be parsed (fully): kept, text partial or missing
     * @param problem why the text is missing or partial, empty when all went well
     * @param indexed true when searchable now, false when waiting in the outbox for the search engine
     */
    public record Filed(String documentId, String sha256, long size, String contentType, boolean encrypted,
            boolean corrupt, String problem, boolean indexed) {}

    /**
     * A document's text for reading on screen.
     *
     * @param documentId its id
     * @param fileName name of the original file, without folders
     * @param contentType type sniffed from the content ({@code application/pdf}, ...)
     * @param text the extracted text, at most the requested number of characters
     * @param truncated true when the text was cut at that number
     * @param problem why the text is missing or partial (encrypted, corrupt), empty when all went well
     */
    public record Preview(String documentId, String fileName, String contentType, String text, boolean truncated,
            String problem) {}

    /** Outcome of indexing the documents that came in with bundles. */
    public record Indexed(int documents, int queued) {}

    /** A reference in a request that the graph does not hold. */
    public static final class UnknownReferenceException extends RuntimeException {
        UnknownReferenceException(String message) {
            super(message);
        }
    }

    private final Driver driver;
    private final FileStore files;
    private final TextExtractor extractor;
    private final SearchEngine engine;
    private final IndexOutbox outbox;
    private final ScheduledExecutorService drainer = Executors.newSingleThreadScheduledExecutor(r -> {
        var thread = new Thread(r, "document-outbox");
        thread.setDaemon(true);
        return thread;
    });

    DocumentService(Driver driver, FileStore files, TextExtractor extractor, SearchEngine engine, IndexOutbox outbox) {
        this.driver = driver;
        this.files = files;
        this.extractor = extractor;
        this.engine = engine;
        this.outbox = outbox;
        drainer.scheduleWithFixedDelay(this::drainIfUp, DRAIN_EVERY.toMillis(), DRAIN_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Files one document: stores the bytes, extracts the text (type sniffed from the content),
     * links it to its declaration and company in the graph and indexes it (or queues the indexing).
     *
     * @param documentId null to derive one from the content
     * @throws DocumentTooLargeException beyond the size limit (nothing is kept)
     * @throws UnknownReferenceException for a declaration or company the graph does not hold
     * @throws IllegalArgumentException for an unknown document type
     */
    public Filed file(InputStream content, String fileName, String docType, String documentId, String declarationId,
            String companyId, LocalDate filedOn) throws IOException {
        String type = docType == null || docType.isBlank() ? "OTHER" : docType.strip().toUpperCase();
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown document type '" + docType + "': one of " + TYPES);
        }
        requireKnown("Declaration", declarationId);
        requireKnown("Company", companyId);
        var stored = files.put(new LimitedInputStream(content, extractor.maxBytes(),
                limit -> new DocumentTooLargeException(limit, "risk.documents.max-size")));
        ExtractedText text;
        try (var in = files.open(stored.sha256())) {
            text = extractor.extract(in);
        }
        String id = documentId == null || documentId.isBlank() ? "DOC-" + stored.sha256().substring(0, 16)
                : documentId.strip();
        var props = new HashMap<String, Object>();
        props.put("sha256", stored.sha256());
        props.put("size", stored.size());
        props.put("fileName", fileName == null ? id : fileName);
        props.put("docType", type);
        props.put("filedOn", filedOn);
        props.put("declarationId", blankToNull(declarationId));
        props.put("companyId", blankToNull(companyId));
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> tx.run("""
                    MERGE (doc:Document {id: $id})
                    SET doc += $props
                    WITH doc
                    OPTIONAL MATCH (doc)-[old:SUPPORTS]->()
                    DELETE old
                    WITH DISTINCT doc
                    OPTIONAL MATCH (doc)<-[oldFiled:FILED]-()
                    DELETE oldFiled
                    WITH DISTINCT doc
                    OPTIONAL MATCH (d:Declaration {id: $props.declarationId})
                    OPTIONAL MATCH (c:Company {id: $props.companyId})
                    FOREACH (_ IN CASE WHEN d IS NULL THEN [] ELSE [1] END | CREATE (doc)-[:SUPPORTS]->(d))
                    FOREACH (_ IN CASE WHEN c IS NULL THEN [] ELSE [1] END | CREATE (c)-[:FILED]->(doc))
                    """, Map.of("id", id, "props", props)).consume());
        }
        var document = toIndex(links("doc.id = $id", Map.of("id", id)).getFirst(), text);
        markExtracted(List.of(document));
        engine.index();
        boolean indexed = outbox.submit(document);
        if (indexed) {
            refresh();
        }
        return new Filed(id, stored.sha256(), stored.size(), text.mediaType(), text.encrypted(), text.corrupt(),
                text.problem(), indexed);
    }

    /**
     * Extracts and indexes the documents whose text was never extracted (those that came in with
     * bundles) or whose file changed since; a second call finds nothing to do.
     */
    public Indexed indexNew() {
        int documents = 0;
        while (true) {
            var batch = links("doc.extractedSha256 IS NULL OR doc.extractedSha256 <> doc.sha256 "
                    + "WITH doc ORDER BY doc.id LIMIT " + BATCH, Map.of());
            if (batch.isEmpty()) {
                break;
            }
            var prepared = new ArrayList<IndexedDocument>();
            for (Record row : batch) {
                prepared.add(toIndex(row, extractStored(row.get("sha256").asString(), row.get("id").asString())));
            }
            for (IndexedDocument document : prepared) {
                try {
                    outbox.enqueue(document);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot queue document " + document.documentId() + " for indexing", e);
                }
            }
            markExtracted(prepared);
            documents += prepared.size();
        }
        if (documents > 0) {
            engine.index();
            outbox.drain();
            refresh();
        }
        return new Indexed(documents, outbox.pending());
    }

    /** Rebuilds the whole index from the file store and the graph. */
    public Indexed reindex() throws IOException {
        engine.index().recreate();
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> tx.run("MATCH (doc:Document) REMOVE doc.extractedSha256").consume());
        }
        return indexNew();
    }

    public SearchResults search(DocumentQuery query) throws IOException {
        return engine.index().search(query);
    }

    /**
     * Documents whose text mentions the company's name, whoever filed them; empty when the
     * company is unknown or has no name.
     */
    public Optional<SearchResults> mentioning(String companyId, int offset, int limit) throws IOException {
        String name;
        try (var session = driver.session()) {
            var names = session.run("MATCH (c:Company {id: $id}) RETURN c.name AS name", Map.of("id", companyId))
                    .list(r -> r.get("name").asString(""));
            if (names.isEmpty()) {
                return Optional.empty();
            }
            name = names.getFirst().replace("\"", " ").strip();
        }
        if (name.isEmpty()) {
            return Optional.of(new SearchResults(0, List.of(), List.of(), List.of(), List.of()));
        }
        return Optional.of(search(DocumentQuery.of("\"" + name + "\"").withPage(offset, limit)));
    }

    /**
     * The stored file of a document, verified against its address.
     *
     * @return file name and content, empty for an unknown document
     */
    public Optional<Map.Entry<String, InputStream>> open(String documentId) throws IOException {
        try (var session = driver.session()) {
            var rows = session.run("MATCH (doc:Document {id: $id}) RETURN doc.sha256 AS sha, doc.fileName AS name",
                    Map.of("id", documentId)).list();
            if (rows.isEmpty() || rows.getFirst().get("sha").isNull()) {
                return Optional.empty();
            }
            var row = rows.getFirst();
            String name = row.get("name").asString(documentId);
            return Optional.of(Map.entry(name.substring(name.lastIndexOf('/') + 1), files.open(row.get("sha").asString())));
        }
    }

    /**
     * The text of a stored document, extracted anew from the file (the index keeps only what
     * search needs, not the whole text for display).
     *
     * @param maxChars the most characters returned
     * @return empty for an unknown document
     */
    public Optional<Preview> preview(String documentId, int maxChars) throws IOException {
        if (maxChars < 0) {
            throw new IllegalArgumentException("maxChars must be >= 0: " + maxChars);
        }
        Record row;
        try (var session = driver.session()) {
            var rows = session.run("MATCH (doc:Document {id: $id}) RETURN doc.sha256 AS sha, doc.fileName AS name",
                    Map.of("id", documentId)).list();
            if (rows.isEmpty() || rows.getFirst().get("sha").isNull()) {
                return Optional.empty();
            }
            row = rows.getFirst();
        }
        ExtractedText text = extractStored(row.get("sha").asString(), documentId);
        String name = row.get("name").asString(documentId);
        String all = text.text();
        boolean truncated = all.length() > maxChars;
        return Optional.of(new Preview(documentId, name.substring(name.lastIndexOf('/') + 1), text.mediaType(),
                truncated ? all.substring(0, maxChars) : all, truncated, text.problem()));
    }

    /** Indexing requests waiting for the search engine. */
    public int pending() {
        return outbox.pending();
    }

    /** Drains the outbox now; the background task does the same every few seconds. */
    public IndexOutbox.DrainResult drain() {
        return outbox.drain();
    }

    public SearchEngine engine() {
        return engine;
    }

    private void drainIfUp() {
        try {
            if (outbox.pending() > 0 && engine.health().up()) {
                var result = outbox.drain();
                if (result.indexed() > 0) {
                    refresh();
                }
                if (result.indexed() > 0 || result.rejected() > 0) {
                    log.info("outbox: {} documents indexed, {} refused, {} waiting", result.indexed(),
                            result.rejected(), result.remaining());
                }
            }
        } catch (RuntimeException e) {
            log.warn("draining the document outbox failed: {}", e.getMessage());
        }
    }

    /** Makes what was just indexed searchable now rather than at the engine's next periodic refresh. */
    private void refresh() {
        try {
            engine.documentIndex().refresh();
        } catch (IOException | RuntimeException e) {
            log.debug("refresh of the document index failed: {}", e.getMessage());
        }
    }

    private ExtractedText extractStored(String sha256, String documentId) {
        try (var in = files.open(sha256)) {
            return extractor.extract(in);
        } catch (IOException e) {
            // A file missing from the store or too large is described, not dropped.
            return new ExtractedText("application/octet-stream", "", "", Map.of(), false, true, false,
                    "cannot read the stored file of " + documentId + ": " + e.getMessage());
        }
    }

    /** Documents with everything the index keeps about their links, filtered by {@code where} on {@code doc}. */
    private List<Record> links(String where, Map<String, Object> parameters) {
        try (var session = driver.session()) {
            return session.run("""
                    MATCH (doc:Document) WHERE %s
                    OPTIONAL MATCH (doc)-[:SUPPORTS]->(d:Declaration)
                    OPTIONAL MATCH (d)-[:SOLD_BY|BOUGHT_BY|DECLARED_BY]->(party:Company)
                    OPTIONAL MATCH (filer:Company)-[:FILED]->(doc)
                    WITH doc, collect(DISTINCT d.id) AS declarations, collect(DISTINCT d.hsCode) AS hs,
                         collect(DISTINCT party.id) + collect(DISTINCT filer.id) AS companies
                    RETURN doc.id AS id, doc.sha256 AS sha256, doc.size AS size, doc.fileName AS fileName,
                           doc.docType AS docType, doc.filedOn AS filedOn, declarations, hs, companies
                    """.formatted(where), parameters).list();
        }
    }

    private static IndexedDocument toIndex(Record row, ExtractedText text) {
        var companies = row.get("companies").asList(Value::asString).stream().distinct().toList();
        String fileName = row.get("fileName").asString("");
        String title = text.title().isBlank() ? fileName.substring(fileName.lastIndexOf('/') + 1) : text.title();
        return new IndexedDocument(row.get("id").asString(), row.get("docType").asString("OTHER"), title, text.text(),
                companies, row.get("declarations").asList(Value::asString), row.get("hs").asList(Value::asString),
                row.get("filedOn").isNull() ? null : row.get("filedOn").asLocalDate(), row.get("sha256").asString(),
                text.mediaType(), row.get("size").asLong(0), text.encrypted(), text.corrupt());
    }

    private void markExtracted(List<IndexedDocument> documents) {
        var rows = documents.stream().map(d -> Map.<String, Object>of("id", d.documentId(), "sha", d.fileSha256(),
                "contentType", d.contentType(), "encrypted", d.encrypted(), "corrupt", d.corrupt())).toList();
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> tx.run("""
                    UNWIND $rows AS row
                    MATCH (doc:Document {id: row.id})
                    SET doc.extractedSha256 = row.sha, doc.contentType = row.contentType, doc.encrypted = row.encrypted,
                        doc.corrupt = row.corrupt
                    """, Map.of("rows", rows)).consume());
        }
    }

    private void requireKnown(String label, String id) {
        if (id == null || id.isBlank()) {
            return;
        }
        try (var session = driver.session()) {
            boolean known = session.run("MATCH (n:" + label + " {id: $id}) RETURN count(n) > 0 AS known",
                    Map.of("id", id.strip())).single().get("known").asBoolean();
            if (!known) {
                throw new UnknownReferenceException(label.toLowerCase() + " " + id + " is not in the graph");
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public void close() {
        drainer.shutdownNow();
    }
}
