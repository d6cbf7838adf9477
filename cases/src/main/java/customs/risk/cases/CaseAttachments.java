package customs.risk.cases;

import customs.risk.cases.CaseModel.Message;
import customs.risk.documents.filing.DocumentService;
import customs.risk.graph.access.Actor;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Attaching files to case messages, for the REST API and the case view alike. The file goes through
 * the document intake (file store, text extraction, graph, search index) under an id of its own, so
 * that attaching a file someone also filed elsewhere leaves that filing and its links untouched; then
 * it is linked to the message and the case. Access is checked before anything is stored and again
 * when linking. The document is filed into the case: only those who may see the case find it,
 * preview it or download it.
 */
@Service
public class CaseAttachments {

    private final CaseConversation conversation;
    private final DocumentService documents;

    CaseAttachments(CaseConversation conversation, DocumentService documents) {
        this.conversation = conversation;
        this.documents = documents;
    }

    /**
     * @param docType a document type of {@link DocumentService#TYPES}, null for {@code OTHER}
     * @return the message with the attachment
     * @throws CaseException when the actor may not attach to the message
     * @throws customs.risk.documents.extract.DocumentTooLargeException (an IOException) beyond the size limit: nothing is kept
     */
    public Message attach(
            Actor actor, String caseId, String messageId, InputStream content, String fileName, String docType)
            throws IOException {
        conversation.requireAttachable(actor, caseId, messageId);
        var filed = documents.file(
                actor,
                content,
                new DocumentService.Filing(
                        fileName,
                        docType,
                        "ATT-" + UUID.randomUUID(),
                        null,
                        null,
                        LocalDate.now(ZoneOffset.UTC),
                        null,
                        caseId));
        return conversation.attach(actor, caseId, messageId, filed.documentId());
    }
}
