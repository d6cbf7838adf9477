package customs.risk.cases.team;

import customs.risk.graph.access.Role;
import customs.risk.graph.store.Graph;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.neo4j.driver.Driver;
import org.springframework.stereotype.Service;

/**
 * What administrators do to users, from the users view, the REST API and {@code ./risk users}
 * alike: every change goes through {@link UserAccounts}' rules and is kept as an
 * {@code :AuditEvent} (who, when, what, to whom), which admins read and export.
 */
@Service
public class UserAdministration {

    /** An administrative action as the audit keeps it. */
    public enum Action {
        USER_CREATED,
        ROLES_CHANGED,
        USER_DISABLED,
        USER_ENABLED,
        PASSWORD_RESET
    }

    /**
     * One administrative action.
     *
     * @param actor who did it (a username, or {@code console} for the command line)
     * @param target the user it was done to
     * @param detail what changed, e.g. {@code INSPECTOR -> INSPECTOR, INVESTIGATOR}
     */
    public record AuditEvent(Instant at, String actor, Action action, String target, String detail) {}

    /** Most audit events one page holds. */
    public static final int MAX_PAGE = 10_000;

    private final UserAccounts accounts;
    private final Graph graph;

    UserAdministration(UserAccounts accounts, Driver driver) {
        this.accounts = accounts;
        this.graph = new Graph(driver);
    }

    public List<UserAccount> list(int offset, int limit) {
        return accounts.list(offset, limit);
    }

    public java.util.Optional<UserAccount> find(String username) {
        return accounts.find(username);
    }

    public UserAccount create(
            String actor, String username, String password, Collection<Role> roles, String companyId) {
        var created = accounts.create(username, password, roles, companyId);
        audit(
                actor,
                Action.USER_CREATED,
                created.username(),
                roles(created.roles()) + (created.companyId() == null ? "" : " of company " + created.companyId()));
        return created;
    }

    public UserAccount setRoles(String actor, String username, Collection<Role> roles, String companyId) {
        var before = accounts.find(username).map(UserAccount::roles).orElse(java.util.Set.of());
        var changed = accounts.setRoles(username, roles, companyId);
        audit(actor, Action.ROLES_CHANGED, changed.username(), roles(before) + " -> " + roles(changed.roles()));
        return changed;
    }

    public UserAccount setEnabled(String actor, String username, boolean enabled) {
        var changed = accounts.setEnabled(username, enabled);
        audit(actor, enabled ? Action.USER_ENABLED : Action.USER_DISABLED, changed.username(), "");
        return changed;
    }

    public void resetPassword(String actor, String username, String password) {
        accounts.changePassword(username, password);
        audit(actor, Action.PASSWORD_RESET, UserAccounts.normalize(username), "");
    }

    /** Administrative actions, oldest first, a page at a time. */
    public List<AuditEvent> audit(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("offset >= 0 and limit within 1.." + MAX_PAGE);
        }
        return graph.query("""
                MATCH (e:AuditEvent)
                RETURN e ORDER BY e.at, elementId(e) SKIP $offset LIMIT $limit
                """, Map.of("offset", offset, "limit", limit), r -> {
            var e = r.get("e");
            return new AuditEvent(
                    e.get("at").asZonedDateTime().toInstant(),
                    e.get("actor").asString(),
                    Action.valueOf(e.get("action").asString()),
                    e.get("target").asString(),
                    e.get("detail").asString(""));
        });
    }

    private void audit(String actor, Action action, String target, String detail) {
        graph.update(
                tx -> tx.run("""
                CREATE (:AuditEvent {at: datetime(), actor: $actor, action: $action, target: $target,
                                     detail: $detail})
                """, Map.of("actor", actor, "action", action.name(), "target", target, "detail", detail))
                        .consume());
    }

    private static String roles(Collection<Role> roles) {
        return String.join(", ", new TreeSet<>(roles.stream().map(Role::name).toList()));
    }
}
