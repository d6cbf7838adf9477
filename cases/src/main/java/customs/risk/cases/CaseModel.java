package customs.risk.cases;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The values the case facade hands out; all immutable. */
public final class CaseModel {

    private CaseModel() {}

    public enum Status {
        OPEN,
        IN_PROGRESS,
        CLOSED
    }

    public enum Priority {
        LOW,
        MEDIUM,
        HIGH
    }

    /**
     * What happened to a case; {@code AUDIT_READ} marks a read of a closed case, {@code ATTACHMENT_READ}
     * a download or preview of a document filed into it.
     */
    public enum EventKind {
        CREATED,
        TITLE_CHANGED,
        STATUS_CHANGED,
        PRIORITY_CHANGED,
        OWNER_CHANGED,
        MEMBER_ADDED,
        MEMBER_REMOVED,
        ENTITY_LINKED,
        ENTITY_UNLINKED,
        NOTE,
        MESSAGE_EDITED,
        MESSAGE_DELETED,
        ATTACHMENT_ADDED,
        AUDIT_READ,
        ATTACHMENT_READ
    }

    /**
     * @param links linked entities as {@code Label:key}
     * @param linkNames the names of the linked companies and people, by their {@code Label:key}; the
     *     others (declarations, documents, the unnamed) have none
     * @param lastSeq sequence number of the newest message, 0 without messages
     */
    public record CaseDetails(
            String id,
            String title,
            Status status,
            String outcome,
            Priority priority,
            String owner,
            List<String> members,
            List<String> links,
            Map<String, String> linkNames,
            Instant createdAt,
            Instant closedAt,
            long lastSeq) {

        public CaseDetails {
            members = List.copyOf(members);
            links = List.copyOf(links);
            linkNames = Map.copyOf(linkNames);
        }
    }

    /** One timeline entry; {@code seq} orders entries written within the same millisecond. */
    public record CaseEvent(long seq, Instant at, String actor, EventKind kind, String detail) {}

    /**
     * A message of a case conversation; a deleted message keeps its place and seq, its text is empty
     * and kept in the history.
     */
    public record Message(
            String id,
            long seq,
            String author,
            String text,
            Instant createdAt,
            String clientId,
            Instant editedAt,
            boolean deleted,
            List<String> mentions,
            List<Attachment> attachments) {

        public Message {
            mentions = List.copyOf(mentions);
            attachments = List.copyOf(attachments);
        }
    }

    /**
     * A filed document attached to a message, oldest first on the message.
     *
     * @param contentType type sniffed from the content when it was filed
     * @param fileUrl where the stored file is read ({@code /api/documents/{id}/file})
     * @param inline an image, which a conversation shows in place rather than as a link
     */
    public record Attachment(String documentId, String fileName, String contentType, String fileUrl, boolean inline) {}

    /** A former text of a message and when it was written. */
    public record MessageVersion(String text, Instant editedAt) {}

    /** A post's answer: {@code created} is false when the clientId had been posted before. */
    public record Posted(Message message, boolean created) {}

    /** Messages by others the user has not yet fetched, per case. */
    public record Unread(String caseId, String title, long unread) {}

    /**
     * A company, person, declaration or document a case is about, with its risk as last scored.
     *
     * @param label {@code Company}, {@code Person}, {@code Declaration} or {@code Document}
     * @param key its id
     * @param name the name of a company or person, the goods of a declaration, the file name of a
     *     document; the key when there is none
     * @param score risk score, NaN when not scored
     * @param lane RED, YELLOW, GREEN or empty
     * @param reasons why, strongest first
     */
    public record Subject(String label, String key, String name, double score, String lane, List<String> reasons) {

        public Subject {
            reasons = List.copyOf(reasons);
        }

        /** {@code Label:key}, as {@link CaseDetails#links()} names it. */
        public String ref() {
            return label + ":" + key;
        }
    }

    /**
     * Everything on file for a case, read at one moment so its parts agree: for its report.
     *
     * @param subjects what the case is about, riskiest first
     * @param timeline oldest first
     * @param messages the whole conversation in seq order, deleted messages in their place
     */
    public record CaseFile(
            CaseDetails details, List<Subject> subjects, List<CaseEvent> timeline, List<Message> messages) {

        public CaseFile {
            subjects = List.copyOf(subjects);
            timeline = List.copyOf(timeline);
            messages = List.copyOf(messages);
        }
    }

    /** A partial update; null fields stay as they are. */
    public record Changes(String title, Status status, String outcome, Priority priority, String owner) {}
}
