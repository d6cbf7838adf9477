package customs.risk.cases.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * E-mail notifications and replies ({@code risk.mail.*}); SMTP itself is Spring's {@code spring.mail.*}.
 *
 * @param enabled false (the default, and the demo's): no mail is sent or fetched
 * @param from the sender of notifications, also their {@code Reply-To}: the mailbox {@code inbox} reads
 * @param inbox the mailbox replies arrive in; without a host, replies are not fetched
 * @param retryInterval wait before a mail the server did not take is tried again (doubling each time)
 * @param maxAttempts attempts after which such a mail is given up
 */
@ConfigurationProperties("risk.mail")
public record MailSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("risk@localhost") String from,
        @DefaultValue Inbox inbox,
        @DefaultValue("1m") Duration retryInterval,
        @DefaultValue("12") int maxAttempts) {

    /** The wait before the next attempt at a mail that failed {@code failed} times: doubling, at most an hour. */
    public Duration retryAfter(int failed) {
        var wait = retryInterval.multipliedBy(1L << Math.min(20, failed - 1));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    private static final Duration LONGEST_WAIT = Duration.ofHours(1);

    /**
     * @param protocol {@code imap} (mails stay in the mailbox, marked as read) or {@code pop3} (mails
     *     are deleted from the mailbox once read, as POP3 keeps no read marks)
     * @param port 0: the protocol's usual port (993 imaps, 143 imap, 995 pop3s, 110 pop3)
     * @param folder the folder polled, usually {@code INBOX} (POP3 has no other)
     * @param pollInterval pause between two polls
     * @param ssl true: over TLS ({@code imaps}, {@code pop3s})
     */
    public record Inbox(
            @DefaultValue("imap") String protocol,
            String host,
            @DefaultValue("0") int port,
            String username,
            String password,
            @DefaultValue("INBOX") String folder,
            @DefaultValue("60s") Duration pollInterval,
            @DefaultValue("true") boolean ssl) {

        public Inbox {
            protocol = protocol == null ? "imap" : protocol.strip().toLowerCase(java.util.Locale.ROOT);
            if (!protocol.equals("imap") && !protocol.equals("pop3")) {
                throw new IllegalArgumentException("risk.mail.inbox.protocol is imap or pop3, not '" + protocol + "'");
            }
        }

        public boolean configured() {
            return host != null && !host.isBlank();
        }

        boolean pop3() {
            return protocol.equals("pop3");
        }

        /** The Jakarta Mail store name: {@code imap}, {@code imaps}, {@code pop3} or {@code pop3s}. */
        String store() {
            return protocol + (ssl ? "s" : "");
        }

        int portOrDefault() {
            if (port > 0) {
                return port;
            }
            return pop3() ? (ssl ? 995 : 110) : (ssl ? 993 : 143);
        }
    }
}
