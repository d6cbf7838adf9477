package customs.risk.documents.search;

import customs.risk.documents.engine.DocumentAnalysisPlugin;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The same documents in a plain Lucene 10.3 index in this JVM, with the same analyzers and query
 * syntax as {@link DocumentIndex}: the yardstick for what Elasticsearch's HTTP, JSON and cluster
 * layers cost in-process (the documents benchmark runs both side by side). Words, phrases,
 * operators and filters only; no snippets, no facets. Scores differ slightly: a word is matched
 * across fields as a sum here, as the best field in Elasticsearch. Not thread-safe for writes.
 */
public final class PlainLuceneIndex implements AutoCloseable {

    private static final String ID = "document_id";
    private static final Map<String, Float> TEXT_WEIGHTS =
            Map.of("title", 2f, "title_cjk", 2f, "content", 1f, "content_cjk", 1f);

    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    /** Opens or creates the index in {@code folder}. */
    public PlainLuceneIndex(Path folder) throws IOException {
        Analyzer english = DocumentAnalysisPlugin.englishAnalyzer();
        Analyzer cjk = DocumentAnalysisPlugin.cjkAnalyzer();
        this.analyzer = new PerFieldAnalyzerWrapper(english, Map.of("title_cjk", cjk, "content_cjk", cjk));
        this.writer = new IndexWriter(FSDirectory.open(folder), new IndexWriterConfig(analyzer));
        this.searchers = new SearcherManager(writer, null);
    }

    /** Adds or replaces one document (same id: replaced). */
    public void index(IndexedDocument d) throws IOException {
        var doc = new Document();
        doc.add(new StringField(ID, d.documentId(), Field.Store.YES));
        doc.add(new StringField("doc_type", d.docType(), Field.Store.NO));
        d.companyIds().forEach(id -> doc.add(new StringField("company_ids", id, Field.Store.NO)));
        d.declarationIds().forEach(id -> doc.add(new StringField("declaration_ids", id, Field.Store.NO)));
        d.hsCodes().forEach(hs -> doc.add(new StringField("hs_codes", hs, Field.Store.NO)));
        if (d.filedOn() != null) {
            doc.add(new LongPoint("filed_on", d.filedOn().toEpochDay()));
        }
        doc.add(new TextField("title", d.title(), Field.Store.NO));
        doc.add(new TextField("title_cjk", d.title(), Field.Store.NO));
        doc.add(new TextField("content", d.content(), Field.Store.NO));
        doc.add(new TextField("content_cjk", d.content(), Field.Store.NO));
        writer.updateDocument(new Term(ID, d.documentId()), doc);
    }

    public void index(Collection<IndexedDocument> documents) throws IOException {
        for (IndexedDocument document : documents) {
            index(document);
        }
    }

    /** Makes everything indexed so far searchable. */
    public void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /** Document ids of one page of hits, best first, and the exact number of matches. */
    public Page search(DocumentQuery query) throws IOException {
        Query text = query.text().isEmpty() ? new MatchAllDocsQuery() : parse(query.text());
        var bool = new BooleanQuery.Builder().add(text, Occur.MUST);
        addTerms(bool, "doc_type", query.docTypes());
        addTerms(bool, "company_ids", query.companyIds());
        addTerms(bool, "declaration_ids", query.declarationIds());
        if (query.hsPrefix() != null) {
            bool.add(new PrefixQuery(new Term("hs_codes", query.hsPrefix())), Occur.FILTER);
        }
        if (query.filedFrom() != null || query.filedTo() != null) {
            long from = query.filedFrom() == null
                    ? Long.MIN_VALUE
                    : query.filedFrom().toEpochDay();
            long to = query.filedTo() == null ? Long.MAX_VALUE : query.filedTo().toEpochDay();
            bool.add(LongPoint.newRangeQuery("filed_on", from, to), Occur.FILTER);
        }
        var searcher = searchers.acquire();
        try {
            int wanted = Math.max(1, query.offset() + query.limit());
            var top = searcher.search(bool.build(), new TopScoreDocCollectorManager(wanted, Integer.MAX_VALUE));
            List<String> ids = new ArrayList<>();
            var stored = searcher.storedFields();
            for (int i = query.offset();
                    i < Math.min(top.scoreDocs.length, wanted) && ids.size() < query.limit();
                    i++) {
                ids.add(stored.document(top.scoreDocs[i].doc, Set.of(ID)).get(ID));
            }
            return new Page(top.totalHits.value(), ids);
        } finally {
            searchers.release(searcher);
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
    }

    private Query parse(String text) {
        var parser = new SimpleQueryParser(analyzer, TEXT_WEIGHTS);
        parser.setDefaultOperator(Occur.MUST);
        Query parsed = parser.parse(QuerySyntax.toSimpleQuery(text));
        // Only stop words: nothing can match, as in Elasticsearch.
        return parsed == null ? new BooleanQuery.Builder().build() : parsed;
    }

    private static void addTerms(BooleanQuery.Builder bool, String field, Set<String> values) {
        if (!values.isEmpty()) {
            bool.add(
                    new TermInSetQuery(field, values.stream().map(BytesRef::new).toList()), Occur.FILTER);
        }
    }

    /** One page of document ids and the total number of matches. */
    public record Page(long total, List<String> documentIds) {
        public Page {
            documentIds = List.copyOf(documentIds);
        }
    }
}
