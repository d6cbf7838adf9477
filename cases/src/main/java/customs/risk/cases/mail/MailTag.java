package customs.risk.cases.mail;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How a mail names what it is about, so that a reply can be routed back: {@code [CASE-1234ABCD]} or
 * {@code [RFI-1234ABCD]} (a request for information) in the subject, and the same id at the start of
 * the {@code Message-ID}, which a reply quotes in {@code In-Reply-To} and {@code References} even
 * when the subject was edited.
 */
final class MailTag {

    private static final String ID = "((?:CASE|RFI)-[A-Z0-9]{1,40})";
    private static final Pattern IN_SUBJECT = Pattern.compile("\\[" + ID + "]");
    private static final Pattern IN_MESSAGE_ID = Pattern.compile("<" + ID + "\\.[^>@]+@customs-risk>");

    private MailTag() {}

    static String subject(String id, String text) {
        return "[" + id + "] " + text;
    }

    /** A fresh Message-ID that starts with what the mail is about: a case id, a request's, an announcement's. */
    static String messageId(String about) {
        return "<" + about + "." + UUID.randomUUID() + "@customs-risk>";
    }

    /** The case or request a reply belongs to: by subject tag, else by the mail it answers. */
    static Optional<String> of(String subject, String inReplyTo, String references) {
        var tagged = find(IN_SUBJECT, subject);
        return tagged.isPresent() ? tagged : find(IN_MESSAGE_ID, inReplyTo).or(() -> find(IN_MESSAGE_ID, references));
    }

    static boolean isRequest(String id) {
        return id.startsWith("RFI-");
    }

    private static Optional<String> find(Pattern pattern, String header) {
        if (header == null) {
            return Optional.empty();
        }
        var matcher = pattern.matcher(header);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
