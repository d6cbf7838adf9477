package customs.risk.documents.search;

import java.time.LocalDate;
import java.util.List;

/**
 * One page of hits, the total number of matches, and counts per type, company and filing year
 * over all matches (not just the page), so a user sees where to narrow down.
 */
public record SearchResults(
        long total, List<Hit> hits, List<FacetCount> types, List<FacetCount> companies, List<FacetCount> years) {

    public SearchResults {
        hits = List.copyOf(hits);
        types = List.copyOf(types);
        companies = List.copyOf(companies);
        years = List.copyOf(years);
    }

    /**
     * A matching document, best first. {@code snippets} are passages of the text around the
     * matches as safe HTML: the document's text escaped ({@code <} as {@code &lt;} and so on), the
     * matched words wrapped in {@code <em>}/{@code </em>}, the only markup. {@link #plain} turns one
     * into text.
     */
    public record Hit(
            String documentId,
            double score,
            String docType,
            String title,
            List<String> companyIds,
            List<String> declarationIds,
            List<String> hsCodes,
            LocalDate filedOn,
            String fileSha256,
            boolean encrypted,
            boolean corrupt,
            List<String> snippets) {

        public Hit {
            companyIds = List.copyOf(companyIds);
            declarationIds = List.copyOf(declarationIds);
            hsCodes = List.copyOf(hsCodes);
            snippets = List.copyOf(snippets);
        }
    }

    /** A snippet as plain text: the marks dropped, the document's characters restored. */
    public static String plain(String snippet) {
        return unescape(snippet.replace("<em>", "").replace("</em>", ""));
    }

    /** Undoes the escaping of the search engine's HTML encoder. */
    public static String unescape(String html) {
        if (html.indexOf('&') < 0) {
            return html;
        }
        return html.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#x27;", "'")
                .replace("&#39;", "'")
                .replace("&#x2F;", "/")
                .replace("&amp;", "&");
    }

    /** How many matching documents carry {@code value} (a type, a company id, a year). */
    public record FacetCount(String value, long count) {}
}
