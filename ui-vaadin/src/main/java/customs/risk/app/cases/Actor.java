package customs.risk.app.cases;

import customs.risk.app.security.AccountPrincipal;
import customs.risk.app.security.Role;

/**
 * Who asks: the username written into timelines and messages, and whether the admin's right to see
 * and change every case applies.
 *
 * @param username lower-case login name
 * @param admin holds {@link Role#ADMIN}
 */
public record Actor(String username, boolean admin) {

    public Actor {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("an actor needs a username");
        }
    }

    public static Actor of(AccountPrincipal principal) {
        return new Actor(principal.getUsername(), principal.account().roles().contains(Role.ADMIN));
    }
}
