package customs.risk.documents.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A search as a user states it. {@code text} takes words, {@code "quoted phrases"} and the
 * operators {@code AND}, {@code OR}, {@code NOT} (or {@code +}, {@code |}, {@code -}); all words
 * must match unless {@code OR} says otherwise. Malformed syntax never fails: it is read as words.
 * Blank text matches every document (filters and facets still apply).
 *
 * @param text the query text, may be blank
 * @param docTypes keep documents of these types (empty: any)
 * @param companyIds keep documents linked to any of these companies (empty: any)
 * @param declarationIds keep documents linked to any of these declaration items (empty: any)
 * @param hsPrefix keep documents with an HS code starting with this, e.g. {@code 8471} (null: any)
 * @param filedFrom first filing date kept, inclusive (null: open)
 * @param filedTo last filing date kept, inclusive (null: open)
 * @param offset hits to skip (paging)
 * @param limit hits to return
 */
public record DocumentQuery(
        String text,
        Set<String> docTypes,
        Set<String> companyIds,
        Set<String> declarationIds,
        String hsPrefix,
        LocalDate filedFrom,
        LocalDate filedTo,
        int offset,
        int limit) {

    public static final int LIMIT_DEFAULT = 20;
    /** Deepest page reachable; Elasticsearch's default {@code index.max_result_window}. */
    public static final int MAX_WINDOW = 10_000;

    public DocumentQuery {
        text = text == null ? "" : text.strip();
        docTypes = Set.copyOf(docTypes == null ? Set.of() : docTypes);
        companyIds = Set.copyOf(companyIds == null ? Set.of() : companyIds);
        declarationIds = Set.copyOf(declarationIds == null ? Set.of() : declarationIds);
        hsPrefix = hsPrefix == null || hsPrefix.isBlank() ? null : hsPrefix.strip();
        if (offset < 0 || limit < 0 || (long) offset + limit > MAX_WINDOW) {
            throw new IllegalArgumentException("offset and limit must be >= 0 with offset + limit <= " + MAX_WINDOW
                    + ": " + offset + ", " + limit);
        }
        if (filedFrom != null && filedTo != null && filedFrom.isAfter(filedTo)) {
            throw new IllegalArgumentException("filedFrom " + filedFrom + " is after filedTo " + filedTo);
        }
    }

    /** The first page of hits for {@code text}, no filters. */
    public static DocumentQuery of(String text) {
        return new DocumentQuery(text, Set.of(), Set.of(), Set.of(), null, null, null, 0, LIMIT_DEFAULT);
    }

    public DocumentQuery withDocTypes(String... types) {
        return new DocumentQuery(
                text,
                Set.copyOf(List.of(types)),
                companyIds,
                declarationIds,
                hsPrefix,
                filedFrom,
                filedTo,
                offset,
                limit);
    }

    public DocumentQuery withCompanies(String... ids) {
        return new DocumentQuery(
                text, docTypes, Set.copyOf(List.of(ids)), declarationIds, hsPrefix, filedFrom, filedTo, offset, limit);
    }

    public DocumentQuery withDeclarations(String... ids) {
        return new DocumentQuery(
                text, docTypes, companyIds, Set.copyOf(List.of(ids)), hsPrefix, filedFrom, filedTo, offset, limit);
    }

    public DocumentQuery withHsPrefix(String prefix) {
        return new DocumentQuery(text, docTypes, companyIds, declarationIds, prefix, filedFrom, filedTo, offset, limit);
    }

    public DocumentQuery withFiled(LocalDate from, LocalDate to) {
        return new DocumentQuery(text, docTypes, companyIds, declarationIds, hsPrefix, from, to, offset, limit);
    }

    public DocumentQuery withPage(int offset, int limit) {
        return new DocumentQuery(
                text, docTypes, companyIds, declarationIds, hsPrefix, filedFrom, filedTo, offset, limit);
    }
}
