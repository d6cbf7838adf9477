package customs.risk.cases.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/**
 * A mail that keeps the {@code Message-ID} chosen for it: Jakarta Mail would replace it with a
 * random one when sending, and replies and retries find a notification by it.
 */
public final class FixedIdMessage extends MimeMessage {

    private final String messageId;

    public FixedIdMessage(String messageId) {
        super(Session.getInstance(new Properties()));
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
