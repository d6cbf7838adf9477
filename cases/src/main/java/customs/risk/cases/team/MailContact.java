package customs.risk.cases.team;

import java.util.Optional;
import java.util.Set;

/**
 * Where and about what a user wants e-mail.
 *
 * @param username lower-case login name
 * @param email the user's address, null when none is known
 * @param notifications the notifications the user chose
 * @param enabled false: the user gets no mail and cannot reply by mail
 */
public record MailContact(String username, String email, Set<Notification> notifications, boolean enabled) {

    public MailContact {
        notifications = Set.copyOf(notifications);
    }

    /** The address to send a notification of this kind to, if the user wants it. */
    public Optional<String> addressFor(Notification kind) {
        return enabled && email != null && notifications.contains(kind) ? Optional.of(email) : Optional.empty();
    }
}
