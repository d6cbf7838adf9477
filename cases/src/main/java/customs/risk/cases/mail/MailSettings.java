package customs.risk.cases.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * E-mail notifications and replies ({@code risk.mail.*}); SMTP itself is Spring's {@code spring.mail.*}.
 *
 * @param enabled false (the default, and the demo's): no mail is sent or fetched
 * @param from the sender of notifications, also their {@code Reply-To}: the mailbox {@code imap} reads
 * @param imap the mailbox replies arrive in; without a host, replies are not fetched
 * @param retryInterval wait before a mail the server did not take is tried again (doubling each time)
 * @param maxAttempts attempts after which such a mail is given up
 */
@ConfigurationProperties("risk.mail")
public record MailSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("risk@localhost") String from,
        @DefaultValue Imap imap,
        @DefaultValue("1m") Duration retryInterval,
        @DefaultValue("12") int maxAttempts) {

    /** The wait before the next attempt at a mail that failed {@code failed} times: doubling, at most an hour. */
    public Duration retryAfter(int failed) {
        var wait = retryInterval.multipliedBy(1L << Math.min(20, failed - 1));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    private static final Duration LONGEST_WAIT = Duration.ofHours(1);

    /**
     * @param folder the folder polled, usually {@code INBOX}
     * @param pollInterval pause between two polls
     * @param ssl true: {@code imaps}
     */
    public record Imap(
            String host,
            @DefaultValue("993") int port,
            String username,
            String password,
            @DefaultValue("INBOX") String folder,
            @DefaultValue("60s") Duration pollInterval,
            @DefaultValue("true") boolean ssl) {

        public boolean configured() {
            return host != null && !host.isBlank();
        }
    }
}
