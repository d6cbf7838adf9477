package customs.risk.documents.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch._types.Result;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.HighlightField;
import co.elastic.clients.elasticsearch.core.search.HighlighterEncoder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.NamedValue;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The search index of filed documents, through the official Elasticsearch client: the same code
 * serves the in-process node and an external cluster, whichever {@link ElasticsearchClient} it is
 * given. The mapping ({@code documents-index.json} beside this class, usable as is with
 * {@code PUT /documents}) analyses text in English (stemming) with a CJK bigram sub-field, so both
 * "invoices" and a Chinese phrase find their documents, and keeps metadata as exact keywords and
 * dates for filters and facets.
 *
 * <p>Methods throw {@link IOException} when Elasticsearch cannot be reached (callers queue the work
 * in an {@code IndexOutbox}), and {@code ElasticsearchException} when it refuses a request.
 */
public final class DocumentIndex {

    public static final String INDEX_NAME_DEFAULT = "documents";
    public static final int SNIPPETS_DEFAULT = 3;
    public static final int SNIPPET_CHARS_DEFAULT = 160;
    public static final int FACET_SIZE_DEFAULT = 20;
    private static final String MAPPING = "documents-index.json";
    private static final String CASE_ID = "case_id";
    /** Documents per request of {@link #hitsAmong} and {@link #texts}: within the result window. */
    private static final int IDS_PER_REQUEST = 5_000;

    private static final List<String> TEXT_FIELDS = List.of("title^2", "title.cjk^2", "content", "content.cjk");

    private final ElasticsearchClient client;
    private final String indexName;

    public DocumentIndex(ElasticsearchClient client) {
        this(client, INDEX_NAME_DEFAULT);
    }

    public DocumentIndex(ElasticsearchClient client, String indexName) {
        this.client = Objects.requireNonNull(client, "client");
        this.indexName = Objects.requireNonNull(indexName, "indexName");
    }

    public String indexName() {
        return indexName;
    }

    /**
     * Creates the index with its mapping unless it exists; returns whether it was created. An
     * index created by an older version gets the fields added since (the mapping is strict).
     */
    public boolean createIfMissing() throws IOException {
        if (client.indices().exists(e -> e.index(indexName)).value()) {
            client.indices().putMapping(m -> m.index(indexName).properties(CASE_ID, p -> p.keyword(k -> k)));
            return false;
        }
        try (InputStream mapping = DocumentIndex.class.getResourceAsStream(MAPPING)) {
            if (mapping == null) {
                throw new IllegalStateException(MAPPING + " is missing from the class path");
            }
            client.indices().create(c -> c.index(indexName).withJson(mapping));
        }
        return true;
    }

    /** Deletes the index and every document in it; a no-op if there is none. */
    public void delete() throws IOException {
        if (client.indices().exists(e -> e.index(indexName)).value()) {
            client.indices().delete(d -> d.index(indexName));
        }
    }

    /** Deletes and creates the index empty, with the current mapping: the first step of a reindex. */
    public void recreate() throws IOException {
        delete();
        createIfMissing();
    }

    /** Adds or replaces one document (same id: replaced). */
    public void index(IndexedDocument document) throws IOException {
        client.index(i -> i.index(indexName).id(document.documentId()).document(toSource(document)));
    }

    /**
     * Adds or replaces documents in one bulk request. Documents Elasticsearch refuses are reported
     * by id, not thrown, so the caller can keep them while the rest is indexed.
     */
    public BulkOutcome index(Collection<IndexedDocument> documents) throws IOException {
        if (documents.isEmpty()) {
            return new BulkOutcome(0, Map.of(), Map.of());
        }
        List<BulkOperation> operations = new ArrayList<>(documents.size());
        for (IndexedDocument document : documents) {
            operations.add(BulkOperation.of(
                    o -> o.index(x -> x.id(document.documentId()).document(toSource(document)))));
        }
        BulkResponse response = client.bulk(b -> b.index(indexName).operations(operations));
        Map<String, String> rejected = new LinkedHashMap<>();
        Map<String, String> retry = new LinkedHashMap<>();
        for (var item : response.items()) {
            if (item.error() != null) {
                String reason = item.error().type() + ": " + item.error().reason();
                (isPermanentFailure(item.status()) ? rejected : retry).put(item.id(), reason);
            }
        }
        return new BulkOutcome(documents.size() - rejected.size() - retry.size(), rejected, retry);
    }

    /** Removes a document; returns whether it was there. */
    public boolean remove(String documentId) throws IOException {
        return client.delete(d -> d.index(indexName).id(documentId)).result() == Result.Deleted;
    }

    /** Makes everything indexed so far searchable now, instead of within the next second. */
    public void refresh() throws IOException {
        client.indices().refresh(r -> r.index(indexName));
    }

    /** Number of documents in the index. */
    public long count() throws IOException {
        return client.count(c -> c.index(indexName)).count();
    }

    /** Up when the cluster answers with status green or yellow; never throws. */
    public Health health() {
        try {
            HealthStatus status = client.cluster().health().status();
            return new Health(status == HealthStatus.Green || status == HealthStatus.Yellow, status.jsonValue());
        } catch (Exception e) {
            return new Health(false, "unreachable: " + e.getMessage());
        }
    }

    /**
     * Runs {@code query} over every document, those filed into cases included: for administrators
     * and tools.
     */
    public SearchResults search(DocumentQuery query) throws IOException {
        return search(query, null);
    }

    /**
     * Runs {@code query}: a page of hits with snippets, the total, and facets over all matches.
     * Documents filed into a case are matched only when the case is among {@code visibleCases}, so
     * that hits, snippets, totals and facet counts all leave them out; null means every case.
     */
    public SearchResults search(DocumentQuery query, Collection<String> visibleCases) throws IOException {
        Query text = text(query);
        List<Query> filters = filters(query);
        if (visibleCases != null) {
            filters.add(outsideCasesOr(visibleCases));
        }
        HighlightField snippet =
                HighlightField.of(h -> h.numberOfFragments(SNIPPETS_DEFAULT).fragmentSize(SNIPPET_CHARS_DEFAULT));
        // Where only the title matched (or no text was asked for), show the start of the text.
        HighlightField snippetOrStart = HighlightField.of(h -> h.numberOfFragments(SNIPPETS_DEFAULT)
                .fragmentSize(SNIPPET_CHARS_DEFAULT)
                .noMatchSize(SNIPPET_CHARS_DEFAULT));
        SearchResponse<Map> response = client.search(
                s -> s.index(indexName)
                        .query(q -> q.bool(b -> b.must(text).filter(filters)))
                        .from(query.offset())
                        .size(query.limit())
                        .trackTotalHits(t -> t.enabled(true))
                        .source(src -> src.filter(f -> f.excludes("content")))
                        .highlight(h -> h
                                // The document's own text is escaped, so the marks are the only markup in a snippet.
                                .encoder(HighlighterEncoder.Html)
                                .preTags("<em>")
                                .postTags("</em>")
                                .fields(
                                        NamedValue.of("content", snippetOrStart),
                                        NamedValue.of("content.cjk", snippet)))
                        .aggregations(
                                "types", a -> a.terms(t -> t.field("doc_type").size(FACET_SIZE_DEFAULT)))
                        .aggregations(
                                "companies",
                                a -> a.terms(t -> t.field("company_ids").size(FACET_SIZE_DEFAULT)))
                        .aggregations(
                                "years",
                                a -> a.dateHistogram(d -> d.field("filed_on")
                                        .calendarInterval(CalendarInterval.Year)
                                        .format("yyyy")
                                        .minDocCount(1))),
                Map.class);
        List<SearchResults.Hit> hits =
                response.hits().hits().stream().map(DocumentIndex::toHit).toList();
        long total = response.hits().total() == null
                ? hits.size()
                : response.hits().total().value();
        Map<String, Aggregate> aggregations = response.aggregations();
        return new SearchResults(
                total,
                hits,
                terms(aggregations.get("types")),
                terms(aggregations.get("companies")),
                years(aggregations.get("years")));
    }

    /**
     * For each of many saved searches (by key), which of {@code documentIds} filed outside any case
     * it matches (its text and filters; paging ignored): all in one request per few thousand
     * documents, for telling the searches' watchers of their new hits.
     */
    public Map<String, Set<String>> hitsAmong(Map<String, DocumentQuery> queries, Collection<String> documentIds)
            throws IOException {
        var hits = new HashMap<String, Set<String>>();
        var keys = List.copyOf(queries.keySet());
        var ids = List.copyOf(documentIds);
        for (int from = 0; from < ids.size() && !keys.isEmpty(); from += IDS_PER_REQUEST) {
            var few = ids.subList(from, Math.min(ids.size(), from + IDS_PER_REQUEST));
            var searches = new ArrayList<co.elastic.clients.elasticsearch.core.msearch.RequestItem>();
            for (String key : keys) {
                var query = queries.get(key);
                List<Query> filters = filters(query);
                filters.add(Query.of(q -> q.ids(i -> i.values(few))));
                filters.add(outsideCasesOr(List.of()));
                searches.add(co.elastic.clients.elasticsearch.core.msearch.RequestItem.of(r -> r.header(
                                h -> h.index(indexName))
                        .body(b -> b.query(q ->
                                        q.bool(bool -> bool.must(text(query)).filter(filters)))
                                .size(few.size())
                                .source(src -> src.fetch(false)))));
            }
            var response = client.msearch(m -> m.searches(searches), Void.class);
            for (int k = 0; k < keys.size(); k++) {
                var item = response.responses().get(k);
                if (item.isFailure()) {
                    throw new IOException("saved search " + keys.get(k) + " failed: "
                            + item.failure().error().reason());
                }
                for (var hit : item.result().hits().hits()) {
                    hits.computeIfAbsent(keys.get(k), x -> new HashSet<>()).add(hit.id());
                }
            }
        }
        return hits;
    }

    /** The title and text of each of these documents, by id: for reading what new documents name. */
    public Map<String, String> texts(Collection<String> documentIds) throws IOException {
        var texts = new HashMap<String, String>();
        var ids = List.copyOf(documentIds);
        for (int from = 0; from < ids.size(); from += IDS_PER_REQUEST) {
            var few = ids.subList(from, Math.min(ids.size(), from + IDS_PER_REQUEST));
            SearchResponse<Map> response = client.search(
                    s -> s.index(indexName)
                            .query(q -> q.ids(i -> i.values(few)))
                            .size(few.size())
                            .source(src -> src.filter(f -> f.includes("title", "content"))),
                    Map.class);
            for (var hit : response.hits().hits()) {
                Map<?, ?> source = hit.source() == null ? Map.of() : hit.source();
                texts.put(hit.id(), text(string(source.get("title")), string(source.get("content"))));
            }
        }
        return texts;
    }

    /** The query's words: all must match unless OR says otherwise; none matches every document. */
    private static Query text(DocumentQuery query) {
        return query.text().isEmpty()
                ? Query.of(q -> q.matchAll(m -> m))
                : Query.of(q -> q.simpleQueryString(s -> s.query(QuerySyntax.toSimpleQuery(query.text()))
                        .fields(TEXT_FIELDS)
                        .defaultOperator(Operator.And)
                        .lenient(true)));
    }

    private static List<Query> filters(DocumentQuery query) {
        List<Query> filters = new ArrayList<>();
        addTerms(filters, "doc_type", query.docTypes());
        addTerms(filters, "company_ids", query.companyIds());
        addTerms(filters, "declaration_ids", query.declarationIds());
        if (query.hsPrefix() != null) {
            filters.add(Query.of(q -> q.prefix(p -> p.field("hs_codes").value(query.hsPrefix()))));
        }
        if (query.filedFrom() != null || query.filedTo() != null) {
            filters.add(Query.of(q -> q.range(r -> r.date(d -> {
                d.field("filed_on");
                if (query.filedFrom() != null) {
                    d.gte(query.filedFrom().toString());
                }
                if (query.filedTo() != null) {
                    d.lte(query.filedTo().toString());
                }
                return d;
            }))));
        }
        return filters;
    }

    /** Documents filed outside any case, or into one of {@code cases}. */
    private static Query outsideCasesOr(Collection<String> cases) {
        List<FieldValue> ids = cases.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.bool(b -> {
            b.should(s -> s.bool(n -> n.mustNot(m -> m.exists(e -> e.field(CASE_ID)))));
            if (!ids.isEmpty()) {
                b.should(s -> s.terms(t -> t.field(CASE_ID).terms(v -> v.value(ids))));
            }
            return b.minimumShouldMatch("1");
        }));
    }

    private static void addTerms(List<Query> filters, String field, Collection<String> values) {
        if (!values.isEmpty()) {
            List<FieldValue> terms = values.stream().map(FieldValue::of).toList();
            filters.add(Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(terms)))));
        }
    }

    private static List<SearchResults.FacetCount> terms(Aggregate aggregate) {
        return aggregate.sterms().buckets().array().stream()
                .map(b -> new SearchResults.FacetCount(b.key().stringValue(), b.docCount()))
                .toList();
    }

    private static List<SearchResults.FacetCount> years(Aggregate aggregate) {
        return aggregate.dateHistogram().buckets().array().stream()
                .map(b -> new SearchResults.FacetCount(b.keyAsString(), b.docCount()))
                .toList();
    }

    private static SearchResults.Hit toHit(Hit<Map> hit) {
        Map<?, ?> source = hit.source() == null ? Map.of() : hit.source();
        List<String> english = hit.highlight().getOrDefault("content", List.of());
        List<String> cjk = hit.highlight().getOrDefault("content.cjk", List.of());
        List<String> snippets = !marked(english) && marked(cjk) ? cjk : english;
        Object filed = source.get("filed_on");
        return new SearchResults.Hit(
                hit.id(),
                hit.score() == null ? 0 : hit.score(),
                string(source.get("doc_type")),
                string(source.get("title")),
                strings(source.get("company_ids")),
                strings(source.get("declaration_ids")),
                strings(source.get("hs_codes")),
                filed == null ? null : LocalDate.parse(filed.toString()),
                string(source.get("file_sha256")),
                Boolean.TRUE.equals(source.get("encrypted")),
                Boolean.TRUE.equals(source.get("corrupt")),
                snippets);
    }

    private static boolean marked(List<String> snippets) {
        return snippets.stream().anyMatch(s -> s.contains("<em>"));
    }

    /** A document's title and text as one text, as {@link #texts} gives them. */
    public static String text(String title, String content) {
        return (title == null ? "" : title) + "\n" + (content == null ? "" : content);
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static List<String> strings(Object value) {
        if (value instanceof Collection<?> values) {
            return values.stream().map(Object::toString).toList();
        }
        return value == null ? List.of() : List.of(value.toString());
    }

    /** The document as Elasticsearch stores it; a plain map so any JSON mapper writes it the same. */
    static Map<String, Object> toSource(IndexedDocument d) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("document_id", d.documentId());
        source.put("doc_type", d.docType());
        source.put("title", d.title());
        source.put("content", d.content());
        source.put("company_ids", d.companyIds());
        source.put("declaration_ids", d.declarationIds());
        source.put("hs_codes", d.hsCodes());
        if (d.filedOn() != null) {
            source.put("filed_on", d.filedOn().toString());
        }
        source.put("file_sha256", d.fileSha256());
        source.put("content_type", d.contentType());
        source.put("file_size", d.fileSize());
        source.put("encrypted", d.encrypted());
        source.put("corrupt", d.corrupt());
        if (d.caseId() != null) {
            source.put(CASE_ID, d.caseId());
        }
        return source;
    }

    /**
     * Whether an HTTP status means Elasticsearch will never accept the request as it is (a bad
     * document), as opposed to a passing state (overload, timeout, missing index) worth retrying.
     */
    public static boolean isPermanentFailure(int status) {
        return status >= 400 && status < 500 && status != 404 && status != 408 && status != 409 && status != 429;
    }

    /**
     * Result of a bulk request: how many were indexed; by id, the reasons of those refused for
     * good ({@code rejected}) and of those that may succeed later ({@code retryable}).
     */
    public record BulkOutcome(int indexed, Map<String, String> rejected, Map<String, String> retryable) {
        public BulkOutcome {
            rejected = Map.copyOf(rejected);
            retryable = Map.copyOf(retryable);
        }
    }

    /** Whether the search engine can serve requests, with its status in words. */
    public record Health(boolean up, String status) {}
}
