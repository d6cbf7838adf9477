package customs.risk.documents.engine;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * Registers the analyzers {@value #ENGLISH} (English stemming) and {@value #CJK} (CJK bigrams) in
 * the embedded node. Maven Central lacks Elasticsearch's {@code analysis-common} module, so without
 * this only the standard analyzers exist. Both are the Lucene analyzers a full distribution uses
 * under the same names, so an index mapping written for the embedded node works unchanged on a
 * real cluster, and {@code PlainLuceneIndex} analyses text the same way.
 */
public final class DocumentAnalysisPlugin extends Plugin implements AnalysisPlugin {

    public static final String ENGLISH = "english";
    public static final String CJK = "cjk";

    /** English: possessives, lower case, stop words, Porter stemming ("invoices" finds "invoice"). */
    public static Analyzer englishAnalyzer() {
        return new EnglishAnalyzer();
    }

    /** Chinese, Japanese, Korean: overlapping bigrams of ideographs, so no dictionary is needed. */
    public static Analyzer cjkAnalyzer() {
        return new CJKAnalyzer();
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of(
                ENGLISH,
                        (indexSettings, environment, name, settings) ->
                                provider(name, DocumentAnalysisPlugin::englishAnalyzer),
                CJK,
                        (indexSettings, environment, name, settings) ->
                                provider(name, DocumentAnalysisPlugin::cjkAnalyzer));
    }

    private static AnalyzerProvider<? extends Analyzer> provider(String name, Supplier<Analyzer> factory) {
        Analyzer analyzer = factory.get();
        return new AbstractIndexAnalyzerProvider<>(name) {
            @Override
            public Analyzer get() {
                return analyzer;
            }
        };
    }
}
