package customs.risk.cases.team;

import customs.risk.graph.access.Actor;
import customs.risk.graph.access.Role;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A user as the admin view lists it; never carries the password hash.
 *
 * @param username lower-case login name, unique
 * @param roles what the user may do
 * @param enabled false: the user cannot log in
 * @param companyId for a trader, the company whose declarations it may see; null for staff
 * @param createdAt when the account was created
 */
public record UserAccount(String username, Set<Role> roles, boolean enabled, String companyId, Instant createdAt) {

    public UserAccount {
        roles = Set.copyOf(roles);
    }

    public Optional<String> company() {
        return Optional.ofNullable(companyId);
    }

    /** The account as the services see it: its username, and whether the admin's rights apply. */
    public Actor actor() {
        return new Actor(username, roles.contains(Role.ADMIN));
    }

    public boolean isTrader() {
        return roles.contains(Role.TRADER);
    }
}
