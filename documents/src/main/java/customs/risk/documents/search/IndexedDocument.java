package customs.risk.documents.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the search index holds about one filed document: its extracted text and the metadata
 * users filter on. The file itself stays in the content-addressed file store under
 * {@code fileSha256}; the index can always be rebuilt from there.
 *
 * @param documentId unique id (documents.csv {@code document_id})
 * @param docType {@code INVOICE}, {@code BILL_OF_LADING}, {@code PACKING_LIST},
 *     {@code CERTIFICATE_OF_ORIGIN}, {@code CONTRACT}, {@code PHOTO} or {@code OTHER}
 * @param title file name or subject, searched with extra weight
 * @param content extracted text, may be empty (images, encrypted files)
 * @param companyIds companies linked to the document
 * @param declarationIds declaration items it supports
 * @param hsCodes HS codes of those items
 * @param filedOn filing date, or null if unknown
 * @param fileSha256 address of the file in the file store
 * @param contentType media type sniffed from the content
 * @param fileSize bytes
 * @param encrypted the file is password-protected: stored, not readable
 * @param corrupt the file could not be parsed (fully): stored, text may be partial
 * @param caseId the case it was filed into, whose people alone may find it; null for a document
 *     filed outside any case, which all staff may find
 */
public record IndexedDocument(
        String documentId,
        String docType,
        String title,
        String content,
        List<String> companyIds,
        List<String> declarationIds,
        List<String> hsCodes,
        LocalDate filedOn,
        String fileSha256,
        String contentType,
        long fileSize,
        boolean encrypted,
        boolean corrupt,
        String caseId) {

    /** A document filed outside any case. */
    public IndexedDocument(
            String documentId,
            String docType,
            String title,
            String content,
            List<String> companyIds,
            List<String> declarationIds,
            List<String> hsCodes,
            LocalDate filedOn,
            String fileSha256,
            String contentType,
            long fileSize,
            boolean encrypted,
            boolean corrupt) {
        this(
                documentId,
                docType,
                title,
                content,
                companyIds,
                declarationIds,
                hsCodes,
                filedOn,
                fileSha256,
                contentType,
                fileSize,
                encrypted,
                corrupt,
                null);
    }

    public IndexedDocument {
        if (documentId == null || documentId.isBlank()) {
            throw new IllegalArgumentException("documentId is required");
        }
        Objects.requireNonNull(docType, "docType");
        title = title == null ? "" : title;
        content = content == null ? "" : content;
        companyIds = List.copyOf(companyIds == null ? List.of() : companyIds);
        declarationIds = List.copyOf(declarationIds == null ? List.of() : declarationIds);
        hsCodes = List.copyOf(hsCodes == null ? List.of() : hsCodes);
        caseId = caseId == null || caseId.isBlank() ? null : caseId;
    }
}
