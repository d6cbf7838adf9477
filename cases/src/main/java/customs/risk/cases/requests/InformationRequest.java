package customs.risk.cases.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A question from customs to a trader about one of its declarations, or about the company itself,
 * with a deadline for the answer.
 *
 * @param id {@code RFI-} and eight letters or digits; also the tag of its e-mails
 * @param companyId the company asked: its traders see the request and answer it
 * @param companyName that company's name, as the graph holds it
 * @param declarationId the declaration asked about; null for a question about the company
 * @param question what customs asks
 * @param askedBy the officer or investigator who asked
 * @param askedAt when
 * @param deadline the last day for the answer
 * @param status where it stands, {@link Status#OVERDUE} counted on the day it is read
 * @param messages how many messages followed the question
 * @param lastAt when the last thing happened (the question or a message)
 */
public record InformationRequest(
        String id,
        String companyId,
        String companyName,
        String declarationId,
        String question,
        String askedBy,
        Instant askedAt,
        LocalDate deadline,
        Status status,
        int messages,
        Instant lastAt) {

    /** Where a request stands. */
    public enum Status {
        /** Waiting for the trader (asked, or customs followed up on an answer). */
        OPEN,
        /** The trader answered last; customs reads it, follows up or closes. */
        ANSWERED,
        /** Open past its deadline. */
        OVERDUE,
        /** Settled by customs; nothing more can be posted. */
        CLOSED
    }

    /** A file that came with a message, filed as a document of the declaration. */
    public record Attachment(String documentId, String fileName) {}

    /**
     * One message after the question.
     *
     * @param seq 1, 2, ... in the order they were posted
     * @param author username of who wrote it
     * @param fromTrader true when the trader wrote it, false for customs
     */
    public record Message(
            int seq, String author, boolean fromTrader, Instant at, String text, List<Attachment> attachments) {

        public Message {
            attachments = List.copyOf(attachments);
        }
    }

    /** A request with everything said in it, oldest first. */
    public record Thread(InformationRequest request, List<Message> messages) {

        public Thread {
            messages = List.copyOf(messages);
        }
    }
}
