package customs.risk.documents.filing;

/**
 * A document filed into a case was read (downloaded or previewed): the case's audit trail records
 * it.
 *
 * @param how {@code downloaded} or {@code previewed}
 */
public record CaseDocumentRead(String caseId, String documentId, String reader, String how) {}
