package customs.risk.cases.mail;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How a notification names its case so that a reply can be routed back: {@code [CASE-1234ABCD]} in
 * the subject, and the case id at the start of the {@code Message-ID}, which a reply quotes in
 * {@code In-Reply-To} and {@code References} even when the subject was edited.
 */
final class CaseTag {

    private static final Pattern IN_SUBJECT = Pattern.compile("\\[(CASE-[A-Z0-9]{1,40})]");
    private static final Pattern IN_MESSAGE_ID = Pattern.compile("<(CASE-[A-Z0-9]{1,40})\\.[^>@]+@customs-risk>");

    private CaseTag() {}

    static String subject(String caseId, String text) {
        return "[" + caseId + "] " + text;
    }

    /** A fresh Message-ID that starts with what the mail is about: a case id, or an announcement's. */
    static String messageId(String about) {
        return "<" + about + "." + UUID.randomUUID() + "@customs-risk>";
    }

    /** The case a reply belongs to: by subject tag, else by the notification it answers. */
    static Optional<String> caseOf(String subject, String inReplyTo, String references) {
        var tagged = find(IN_SUBJECT, subject);
        return tagged.isPresent() ? tagged : find(IN_MESSAGE_ID, inReplyTo).or(() -> find(IN_MESSAGE_ID, references));
    }

    private static Optional<String> find(Pattern pattern, String header) {
        if (header == null) {
            return Optional.empty();
        }
        var matcher = pattern.matcher(header);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
