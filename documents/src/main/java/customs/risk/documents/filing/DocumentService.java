package customs.risk.documents.filing;

import customs.risk.documents.extract.DocumentTooLargeException;
import customs.risk.documents.extract.ExtractedText;
import customs.risk.documents.extract.TextExtractor;
import customs.risk.documents.outbox.IndexOutbox;
import customs.risk.documents.search.DocumentIndex;
import customs.risk.documents.search.DocumentQuery;
import customs.risk.documents.search.IndexedDocument;
import customs.risk.documents.search.SearchResults;
import customs.risk.graph.NodeLabel;
import customs.risk.graph.access.Actor;
import customs.risk.graph.files.FileStore;
import customs.risk.graph.files.LimitedInputStream;
import customs.risk.graph.store.Graph;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Filed documents: intake (file store, text extraction, graph links, indexing through the durable
 * outbox), search, and rebuilding the index from the file store and the graph. The file and its
 * links are kept even when the search engine is down; the indexing waits in the outbox, which a
 * background task drains every few seconds.
 */
public class DocumentService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DocumentService.class);
    public static final Set<String> TYPES =
            Set.of("INVOICE", "BILL_OF_LADING", "PACKING_LIST", "CERTIFICATE_OF_ORIGIN", "CONTRACT", "PHOTO", "OTHER");
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
     * @param created false when these very bytes were already filed under this id (nothing changed)
     */
    public record Filed(
            String documentId,
            String sha256,
            long size,
            String contentType,
            boolean encrypted,
            boolean corrupt,
            String problem,
            boolean indexed,
            boolean created) {}

    /**
     * What comes with a document's bytes when it is filed.
     *
     * @param fileName name of the original file
     * @param docType one of {@link #TYPES}, null for {@code OTHER}
     * @param documentId null to derive one from the content
     * @param declarationId declaration it supports, may be null
     * @param companyId company that filed it, may be null
     * @param filedOn filing date, may be null
     * @param supersedes id of the document this one corrects, null for a first version
     * @param caseId the case it is filed into (an attachment), null outside cases
     */
    public record Filing(
            String fileName,
            String docType,
            String documentId,
            String declarationId,
            String companyId,
            LocalDate filedOn,
            String supersedes,
            String caseId) {

        /** A first version filed outside any case. */
        public static Filing of(
                String fileName,
                String docType,
                String documentId,
                String declarationId,
                String companyId,
                LocalDate filedOn) {
            return new Filing(fileName, docType, documentId, declarationId, companyId, filedOn, null, null);
        }

        public Filing superseding(String documentId) {
            return new Filing(
                    fileName, docType, this.documentId, declarationId, companyId, filedOn, documentId, caseId);
        }
    }

    /**
     * Where a filed document comes from: who filed it and when, and its versions.
     *
     * @param filedBy username of who filed it, empty when it came with a bundle
     * @param filedAt when it was filed (ISO instant), empty when it came with a bundle
     * @param supersedes the earlier version it corrects, empty for a first version
     * @param supersededBy the later versions that correct it
     * @param caseId the case it was filed into, empty outside cases
     */
    public record Provenance(
            String documentId,
            String fileName,
            String docType,
            String sha256,
            long size,
            String filedBy,
            String filedAt,
            String supersedes,
            List<String> supersededBy,
            String caseId) {}

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
    public record Preview(
            String documentId, String fileName, String contentType, String text, boolean truncated, String problem) {}

    /** Outcome of indexing the documents that came in with bundles. */
    public record Indexed(int documents, int queued) {}

    /** A document id already filed with other content, or a document that may not be corrected here. */
    public static final class DocumentConflictException extends RuntimeException {
        DocumentConflictException(String message) {
            super(message);
        }
    }

    /** A reference in a request that the graph does not hold. */
    public static final class UnknownReferenceException extends RuntimeException {
        UnknownReferenceException(String message) {
            super(message);
        }
    }

    private final Graph graph;
    private final FileStore files;
    private final TextExtractor extractor;
    private final SearchEngine engine;
    private final IndexOutbox outbox;
    /** About the text of a load's documents (32 million characters): read back by the alert sweep. */
    private final RecentTexts recentTexts = new RecentTexts(32_000_000);

    private final ApplicationEventPublisher events;
    private final ScheduledExecutorService drainer = Executors.newSingleThreadScheduledExecutor(r -> {
        var thread = new Thread(r, "document-outbox");
        thread.setDaemon(true);
        return thread;
    });

    public DocumentService(
            Driver driver,
            FileStore files,
            TextExtractor extractor,
            SearchEngine engine,
            IndexOutbox outbox,
            ApplicationEventPublisher events) {
        this.events = events;
        this.graph = new Graph(driver);
        this.files = files;
        this.extractor = extractor;
        this.engine = engine;
        this.outbox = outbox;
        drainer.scheduleWithFixedDelay(
                this::drainIfUp, DRAIN_EVERY.toMillis(), DRAIN_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The largest document accepted, in bytes. */
    public long maxDocumentBytes() {
        return extractor.maxBytes();
    }

    /**
     * Files one document: stores the bytes, extracts the text (type sniffed from the content),
     * links it to its declaration and company in the graph and indexes it (or queues the indexing).
     * Filed documents are evidence and never change: an id that exists is refused unless the same
     * bytes come again (then nothing changes); a correction is a new document that supersedes the
     * earlier one, both kept. A correction without links of its own takes over those of the earlier
     * version.
     *
     * @param filer who files it, recorded with the time
     * @throws DocumentTooLargeException beyond the size limit (nothing is kept)
     * @throws UnknownReferenceException for a declaration, company or superseded document the graph
     *     does not hold (or the filer may not see)
     * @throws DocumentConflictException for an id filed with other content, or a correction of a
     *     document filed into a case
     * @throws IllegalArgumentException for an unknown document type
     */
    public Filed file(Actor filer, InputStream content, Filing filing) throws IOException {
        String type = filing.docType() == null || filing.docType().isBlank()
                ? "OTHER"
                : filing.docType().strip().toUpperCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown document type '" + filing.docType() + "': one of " + TYPES);
        }
        requireKnown(NodeLabel.DECLARATION, filing.declarationId());
        requireKnown(NodeLabel.COMPANY, filing.companyId());
        String supersedes = blankToNull(filing.supersedes());
        if (supersedes != null) {
            var earlier = provenance(filer, supersedes)
                    .orElseThrow(
                            () -> new UnknownReferenceException("document " + supersedes + " is not in the graph"));
            if (!earlier.caseId().isEmpty()) {
                throw new DocumentConflictException("document " + supersedes + " was filed into case "
                        + earlier.caseId() + ": attach the corrected file to a message of the case");
            }
        }
        var stored = files.put(new LimitedInputStream(
                content,
                extractor.maxBytes(),
                limit -> new DocumentTooLargeException(limit, "risk.documents.max-size")));
        String id = filing.documentId() == null || filing.documentId().isBlank()
                ? "DOC-" + stored.sha256().substring(0, 16)
                : filing.documentId().strip();
        var already = existing(id, stored.sha256());
        if (already.isPresent()) {
            return already.get();
        }
        ExtractedText text;
        try (var in = files.open(stored.sha256())) {
            text = extractor.extract(in);
        }
        String fileName = filing.fileName() == null ? id : filing.fileName();
        var props = new HashMap<String, Object>();
        props.put("sha256", stored.sha256());
        props.put("size", stored.size());
        props.put("fileName", fileName);
        props.put("docType", type);
        props.put("filedOn", filing.filedOn());
        props.put("declarationId", blankToNull(filing.declarationId()));
        props.put("companyId", blankToNull(filing.companyId()));
        props.put("filedBy", filer.username());
        props.put("caseId", blankToNull(filing.caseId()));
        var parameters = new HashMap<String, Object>();
        parameters.put("id", id);
        parameters.put("props", props);
        parameters.put("supersedes", supersedes);
        try {
            graph.update(tx -> {
                tx.run("""
                        CREATE (doc:Document {id: $id})
                        SET doc += $props, doc.filedAt = datetime()
                        WITH doc
                        OPTIONAL MATCH (d:Declaration {id: $props.declarationId})
                        OPTIONAL MATCH (c:Company {id: $props.companyId})
                        FOREACH (_ IN CASE WHEN d IS NULL THEN [] ELSE [1] END | CREATE (doc)-[:SUPPORTS]->(d))
                        FOREACH (_ IN CASE WHEN c IS NULL THEN [] ELSE [1] END | CREATE (c)-[:FILED]->(doc))
                        WITH doc
                        OPTIONAL MATCH (earlier:Document {id: $supersedes})
                        FOREACH (_ IN CASE WHEN earlier IS NULL THEN [] ELSE [1] END |
                          CREATE (doc)-[:SUPERSEDES]->(earlier))
                        """, parameters).consume();
                if (supersedes != null && props.get("declarationId") == null && props.get("companyId") == null) {
                    tx.run("""
                            MATCH (doc:Document {id: $id})-[:SUPERSEDES]->(earlier:Document)
                            CALL (doc, earlier) {
                              MATCH (earlier)-[:SUPPORTS]->(d:Declaration) CREATE (doc)-[:SUPPORTS]->(d)
                            }
                            CALL (doc, earlier) {
                              MATCH (earlier)<-[:FILED]-(c:Company) CREATE (c)-[:FILED]->(doc)
                            }
                            """, Map.of("id", id)).consume();
                }
            });
        } catch (ClientException e) {
            // The unique constraint on Document.id refused a second filing racing this one.
            if (e.code().contains("ConstraintValidationFailed")) {
                return existing(id, stored.sha256()).orElseThrow(() -> e);
            }
            throw e;
        }
        var document = toIndex(links("doc.id = $id", Map.of("id", id)).getFirst(), text);
        markExtracted(List.of(document));
        engine.index();
        boolean indexed = outbox.submit(document);
        if (indexed) {
            refresh();
        }
        return new Filed(
                id,
                stored.sha256(),
                stored.size(),
                text.mediaType(),
                text.encrypted(),
                text.corrupt(),
                text.problem(),
                indexed,
                true);
    }

    /**
     * The document already filed under {@code id}: the same bytes are a repeat, other bytes a
     * conflict; empty when the id is free.
     */
    private Optional<Filed> existing(String id, String sha256) {
        var rows = graph.query("""
                MATCH (doc:Document {id: $id})
                RETURN doc.sha256 AS sha, doc.size AS size, doc.contentType AS type, doc.encrypted AS encrypted,
                       doc.corrupt AS corrupt
                """, Map.of("id", id));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        var row = rows.getFirst();
        if (!sha256.equals(row.get("sha").asString(""))) {
            throw new DocumentConflictException("document " + id + " is already filed with other content: "
                    + "filed documents never change; file the correction under a new id, superseding " + id);
        }
        return Optional.of(new Filed(
                id,
                sha256,
                row.get("size").asLong(0),
                row.get("type").asString(""),
                row.get("encrypted").asBoolean(false),
                row.get("corrupt").asBoolean(false),
                "",
                true,
                false));
    }

    /**
     * A document's record as {@code viewer} may see it: who filed it when, and its versions.
     *
     * @return empty for an unknown document or one filed into a case the viewer may not see
     */
    public Optional<Provenance> provenance(Actor viewer, String documentId) {
        var parameters = viewer.parameters(Map.of("id", documentId));
        var rows = graph.query("""
                MATCH (doc:Document {id: $id}) WHERE %s
                RETURN doc,
                       COLLECT { MATCH (doc)-[:SUPERSEDES]->(e:Document) RETURN e.id } AS supersedes,
                       COLLECT { MATCH (doc)<-[:SUPERSEDES]-(l:Document) RETURN l.id ORDER BY l.id } AS later
                """.formatted(Actor.sees("doc")), parameters);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        var row = rows.getFirst();
        var doc = row.get("doc").asNode();
        var earlier = row.get("supersedes").asList(Value::asString);
        return Optional.of(new Provenance(
                documentId,
                baseName(doc.get("fileName").asString(documentId)),
                doc.get("docType").asString("OTHER"),
                doc.get("sha256").asString(""),
                doc.get("size").asLong(0),
                doc.get("filedBy").asString(""),
                doc.get("filedAt").isNull()
                        ? ""
                        : doc.get("filedAt").asZonedDateTime().toInstant().toString(),
                earlier.isEmpty() ? "" : earlier.getFirst(),
                row.get("later").asList(Value::asString),
                doc.get("caseId").asString("")));
    }

    /**
     * Extracts and indexes the documents whose text was never extracted (those that came in with
     * bundles) or whose file changed since; a second call finds nothing to do.
     */
    public Indexed indexNew() {
        int documents = 0;
        while (true) {
            var batch = links(
                    "doc.extractedSha256 IS NULL OR doc.extractedSha256 <> doc.sha256 "
                            + "WITH doc ORDER BY doc.id LIMIT " + BATCH,
                    Map.of());
            if (batch.isEmpty()) {
                break;
            }
            var prepared = new ArrayList<IndexedDocument>();
            for (Record row : batch) {
                prepared.add(toIndex(
                        row,
                        extractStored(
                                row.get("sha256").asString(), row.get("id").asString())));
            }
            for (IndexedDocument document : prepared) {
                try {
                    outbox.enqueue(document);
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "cannot queue document " + document.documentId() + " for indexing", e);
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
        graph.update(
                tx -> tx.run("MATCH (doc:Document) REMOVE doc.extractedSha256").consume());
        return indexNew();
    }

    /** Searches the documents {@code viewer} may see: hits, snippets, totals and facets alike. */
    public SearchResults search(Actor viewer, DocumentQuery query) throws IOException {
        return engine.index().search(query, viewer.admin() ? null : visibleCases(viewer));
    }

    /**
     * For each saved search (by key), which of {@code documentIds} filed outside any case it
     * matches: the new hits of saved searches, whoever saved them.
     */
    public Map<String, Set<String>> hitsAmong(Map<String, DocumentQuery> queries, Collection<String> documentIds)
            throws IOException {
        return engine.index().hitsAmong(queries, documentIds);
    }

    /** The title and extracted text of each of these documents, by id, as the search index holds them. */
    public Map<String, String> texts(Collection<String> documentIds) throws IOException {
        var texts = recentTexts.get(documentIds);
        if (texts.size() < documentIds.size()) {
            texts.putAll(engine.index()
                    .texts(documentIds.stream()
                            .filter(id -> !texts.containsKey(id))
                            .toList()));
        }
        return texts;
    }

    /**
     * The names of the given companies, by id, in one query: for showing search facets and hits by
     * name. Unknown companies and those nobody named (placeholders) are left out.
     */
    public Map<String, String> companyNames(Collection<String> companyIds) {
        var names = new HashMap<String, String>();
        if (companyIds.isEmpty()) {
            return names;
        }
        graph.query("""
                        UNWIND $ids AS id
                        MATCH (c:Company {id: id}) WHERE c.name IS NOT NULL AND trim(c.name) <> ''
                        RETURN c.id AS id, c.name AS name
                        """, Map.of("ids", List.copyOf(new LinkedHashSet<>(companyIds))))
                .forEach(r -> names.put(r.get("id").asString(), r.get("name").asString()));
        return names;
    }

    /** Ids of the cases the viewer may see. */
    private List<String> visibleCases(Actor viewer) {
        return graph.query(
                "MATCH (c:Case) WHERE " + Actor.seesCase("c") + " RETURN c.id AS id",
                viewer.parameters(),
                r -> r.get("id").asString());
    }

    /**
     * Documents whose text mentions the company's name, whoever filed them; empty when the
     * company is unknown or has no name.
     */
    public Optional<SearchResults> mentioning(Actor viewer, String companyId, int offset, int limit)
            throws IOException {
        String name;
        var names = graph.query(
                "MATCH (c:Company {id: $id}) RETURN c.name AS name",
                Map.of("id", companyId),
                r -> r.get("name").asString(""));
        if (names.isEmpty()) {
            return Optional.empty();
        }
        name = names.getFirst().replace("\"", " ").strip();
        if (name.isEmpty()) {
            return Optional.of(new SearchResults(0, List.of(), List.of(), List.of(), List.of()));
        }
        return Optional.of(search(viewer, DocumentQuery.of("\"" + name + "\"").withPage(offset, limit)));
    }

    /**
     * The stored file of a document, verified against its address.
     *
     * @return file name and content, empty for an unknown document or one filed into a case the
     *     viewer may not see
     */
    public Optional<Map.Entry<String, InputStream>> open(Actor viewer, String documentId) throws IOException {
        var rows = graph.query(SHA_AND_NAME, visible(viewer, documentId));
        if (rows.isEmpty() || rows.getFirst().get("sha").isNull()) {
            return Optional.empty();
        }
        var row = rows.getFirst();
        readInCase(row, viewer, documentId, "downloaded");
        String name = row.get("name").asString(documentId);
        return Optional.of(Map.entry(
                name.substring(name.lastIndexOf('/') + 1),
                files.open(row.get("sha").asString())));
    }

    /**
     * The text of a stored document, extracted anew from the file (the index keeps only what
     * search needs, not the whole text for display).
     *
     * @param maxChars the most characters returned
     * @return empty for an unknown document or one filed into a case the viewer may not see
     */
    public Optional<Preview> preview(Actor viewer, String documentId, int maxChars) throws IOException {
        if (maxChars < 0) {
            throw new IllegalArgumentException("maxChars must be >= 0: " + maxChars);
        }
        Record row;
        var rows = graph.query(SHA_AND_NAME, visible(viewer, documentId));
        if (rows.isEmpty() || rows.getFirst().get("sha").isNull()) {
            return Optional.empty();
        }
        row = rows.getFirst();
        readInCase(row, viewer, documentId, "previewed");
        ExtractedText text = extractStored(row.get("sha").asString(), documentId);
        String name = row.get("name").asString(documentId);
        String all = text.text();
        boolean truncated = all.length() > maxChars;
        return Optional.of(new Preview(
                documentId,
                name.substring(name.lastIndexOf('/') + 1),
                text.mediaType(),
                truncated ? all.substring(0, maxChars) : all,
                truncated,
                text.problem()));
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

    private static final String SHA_AND_NAME = "MATCH (doc:Document {id: $id}) WHERE " + Actor.sees("doc")
            + " RETURN doc.sha256 AS sha, doc.fileName AS name, doc.caseId AS caseId";

    /** Reads of what was filed into a case go into the case's audit trail. */
    private void readInCase(Record row, Actor viewer, String documentId, String how) {
        if (!row.get("caseId").isNull()) {
            events.publishEvent(new CaseDocumentRead(row.get("caseId").asString(), documentId, viewer.username(), how));
        }
    }

    private static Map<String, Object> visible(Actor viewer, String documentId) {
        return viewer.parameters(Map.of("id", documentId));
    }

    private static String baseName(String fileName) {
        return fileName.substring(fileName.lastIndexOf('/') + 1);
    }

    private void drainIfUp() {
        try {
            if (outbox.pending() > 0 && engine.health().up()) {
                var result = outbox.drain();
                if (result.indexed() > 0) {
                    refresh();
                }
                if (result.indexed() > 0 || result.rejected() > 0) {
                    log.info(
                            "outbox: {} documents indexed, {} refused, {} waiting",
                            result.indexed(),
                            result.rejected(),
                            result.remaining());
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
            return new ExtractedText(
                    "application/octet-stream",
                    "",
                    "",
                    Map.of(),
                    false,
                    true,
                    false,
                    "cannot read the stored file of " + documentId + ": " + e.getMessage());
        }
    }

    /** Documents with everything the index keeps about their links, filtered by {@code where} on {@code doc}. */
    private List<Record> links(String where, Map<String, Object> parameters) {
        return graph.query("""
                MATCH (doc:Document) WHERE %s
                OPTIONAL MATCH (doc)-[:SUPPORTS]->(d:Declaration)
                OPTIONAL MATCH (d)-[:SOLD_BY|BOUGHT_BY|DECLARED_BY]->(party:Company)
                OPTIONAL MATCH (filer:Company)-[:FILED]->(doc)
                WITH doc, collect(DISTINCT d.id) AS declarations, collect(DISTINCT d.hsCode) AS hs,
                     collect(DISTINCT party.id) + collect(DISTINCT filer.id) AS companies
                RETURN doc.id AS id, doc.sha256 AS sha256, doc.size AS size, doc.fileName AS fileName,
                       doc.docType AS docType, doc.filedOn AS filedOn, doc.caseId AS caseId, declarations, hs,
                       companies
                """.formatted(where), parameters);
    }

    private static IndexedDocument toIndex(Record row, ExtractedText text) {
        var companies =
                row.get("companies").asList(Value::asString).stream().distinct().toList();
        String fileName = row.get("fileName").asString("");
        String title = text.title().isBlank() ? fileName.substring(fileName.lastIndexOf('/') + 1) : text.title();
        return new IndexedDocument(
                row.get("id").asString(),
                row.get("docType").asString("OTHER"),
                title,
                text.text(),
                companies,
                row.get("declarations").asList(Value::asString),
                row.get("hs").asList(Value::asString),
                row.get("filedOn").isNull() ? null : row.get("filedOn").asLocalDate(),
                row.get("sha256").asString(),
                text.mediaType(),
                row.get("size").asLong(0),
                text.encrypted(),
                text.corrupt(),
                row.get("caseId").asString(null));
    }

    private void markExtracted(List<IndexedDocument> documents) {
        for (var d : documents) {
            recentTexts.put(d.documentId(), DocumentIndex.text(d.title(), d.content()));
        }
        var rows = documents.stream()
                .map(d -> Map.<String, Object>of(
                        "id",
                        d.documentId(),
                        "sha",
                        d.fileSha256(),
                        "contentType",
                        d.contentType(),
                        "encrypted",
                        d.encrypted(),
                        "corrupt",
                        d.corrupt()))
                .toList();
        graph.update(tx -> tx.run("""
                UNWIND $rows AS row
                MATCH (doc:Document {id: row.id})
                SET doc.extractedSha256 = row.sha, doc.contentType = row.contentType, doc.encrypted = row.encrypted,
                    doc.corrupt = row.corrupt, doc.indexedAt = coalesce(doc.indexedAt, datetime())
                """, Map.of("rows", rows)).consume());
    }

    private void requireKnown(NodeLabel label, String id) {
        if (id == null || id.isBlank()) {
            return;
        }
        boolean known = graph.query(
                        "MATCH " + label.pattern("n", "id") + " RETURN count(n) > 0 AS known",
                        Map.of("id", id.strip()),
                        r -> r.get("known").asBoolean())
                .getFirst();
        if (!known) {
            throw new UnknownReferenceException(label.cypher().toLowerCase() + " " + id + " is not in the graph");
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
