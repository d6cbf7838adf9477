package customs.risk.ui.documents;

import customs.risk.documents.search.DocumentQuery;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A document search as the URL carries it ({@code ?q=invoice&type=INVOICE&company=C-1&hs=8471&from=2024-01-01&page=2}),
 * so that a link reproduces the search. Reading a URL is lenient: a value that cannot be read
 * (a bad date, a negative page) is dropped rather than failing the page.
 *
 * @param text query text, never null
 * @param types document types kept (empty: any)
 * @param companies company ids kept (empty: any)
 * @param declarations declaration item ids kept (empty: any)
 * @param hsPrefix HS code prefix, empty for any
 * @param from first filing date, null for open
 * @param to last filing date, null for open
 * @param page zero-based page
 */
record SearchParameters(
        String text,
        Set<String> types,
        Set<String> companies,
        Set<String> declarations,
        String hsPrefix,
        LocalDate from,
        LocalDate to,
        int page) {

    static final int PAGE_SIZE = 20;
    static final int LAST_PAGE = DocumentQuery.MAX_WINDOW / PAGE_SIZE - 1;
    static final SearchParameters EMPTY = new SearchParameters("", Set.of(), Set.of(), Set.of(), "", null, null, 0);

    SearchParameters {
        text = text == null ? "" : text.strip();
        types = Set.copyOf(new TreeSet<>(types));
        companies = Set.copyOf(companies);
        declarations = Set.copyOf(declarations);
        hsPrefix = hsPrefix == null ? "" : hsPrefix.strip();
        page = Math.clamp(page, 0, LAST_PAGE);
    }

    /** Reads the URL's parameters (as {@code QueryParameters.getParameters()} gives them). */
    static SearchParameters fromUrl(Map<String, List<String>> parameters) {
        return new SearchParameters(
                first(parameters, "q"),
                values(parameters, "type"),
                values(parameters, "company"),
                values(parameters, "declaration"),
                first(parameters, "hs"),
                date(first(parameters, "from")),
                date(first(parameters, "to")),
                page(first(parameters, "page")));
    }

    /** The URL parameters of this search; empty values are left out so links stay short. */
    Map<String, List<String>> toUrl() {
        var url = new LinkedHashMap<String, List<String>>();
        put(url, "q", text);
        if (!types.isEmpty()) {
            url.put("type", List.copyOf(new TreeSet<>(types)));
        }
        if (!companies.isEmpty()) {
            url.put("company", List.copyOf(new TreeSet<>(companies)));
        }
        if (!declarations.isEmpty()) {
            url.put("declaration", List.copyOf(new TreeSet<>(declarations)));
        }
        put(url, "hs", hsPrefix);
        put(url, "from", from == null ? "" : from.toString());
        put(url, "to", to == null ? "" : to.toString());
        put(url, "page", page == 0 ? "" : String.valueOf(page + 1));
        return url;
    }

    /**
     * The query for the search engine.
     *
     * @throws IllegalArgumentException when the first date is after the last
     */
    DocumentQuery toQuery() {
        return new DocumentQuery(text, types, companies, declarations, hsPrefix, from, to, page * PAGE_SIZE, PAGE_SIZE);
    }

    SearchParameters withPage(int newPage) {
        return new SearchParameters(text, types, companies, declarations, hsPrefix, from, to, newPage);
    }

    /** The same search narrowed to one more document type (from a facet), back on the first page. */
    SearchParameters withType(String type) {
        var more = new LinkedHashSet<>(types);
        more.add(type);
        return new SearchParameters(text, more, companies, declarations, hsPrefix, from, to, 0);
    }

    /** The same search narrowed to one more company (from a facet), back on the first page. */
    SearchParameters withCompany(String companyId) {
        var more = new LinkedHashSet<>(companies);
        more.add(companyId);
        return new SearchParameters(text, types, more, declarations, hsPrefix, from, to, 0);
    }

    /** The same search narrowed to documents filed in one year (from a facet), back on the first page. */
    SearchParameters withYear(int year) {
        return new SearchParameters(
                text,
                types,
                companies,
                declarations,
                hsPrefix,
                LocalDate.of(year, 1, 1),
                LocalDate.of(year, 12, 31),
                0);
    }

    private static void put(Map<String, List<String>> url, String name, String value) {
        if (!value.isEmpty()) {
            url.put(name, List.of(value));
        }
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        var values = parameters.getOrDefault(name, List.of());
        return values.isEmpty() ? "" : values.getFirst();
    }

    /** Repeated parameters and comma-separated lists both work: {@code company=A&company=B} or {@code company=A,B}. */
    private static Set<String> values(Map<String, List<String>> parameters, String name) {
        var values = new LinkedHashSet<String>();
        for (String value : parameters.getOrDefault(name, List.of())) {
            for (String one : value.split(",")) {
                if (!one.isBlank()) {
                    values.add(one.strip());
                }
            }
        }
        return values;
    }

    private static LocalDate date(String raw) {
        try {
            return raw.isBlank() ? null : LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The URL counts pages from 1, as people do. */
    private static int page(String raw) {
        try {
            return raw.isBlank() ? 0 : Integer.parseInt(raw.strip()) - 1;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
