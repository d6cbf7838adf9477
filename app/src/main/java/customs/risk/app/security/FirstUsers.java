package customs.risk.app.security;

import customs.risk.cases.team.InvalidAccountException;
import customs.risk.cases.team.UserAccounts;
import customs.risk.graph.access.Role;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Makes sure somebody can log in to the web application, once every bean is ready (the graph
 * schema, with its unique username, included) and before the server takes requests.
 *
 * <ul>
 *   <li>Users exist: nothing to do; a configured admin password is ignored (it is for the first start only).</li>
 *   <li>No user, {@code demo} profile: the demo users, one per role, all with {@link #DEMO_PASSWORD}.</li>
 *   <li>No user, {@code risk.security.admin-password} set: the first admin with that password.</li>
 *   <li>No user and no password: start-up fails with a message saying what to set. There is no
 *       default password, so a forgotten setting cannot leave a known password in production.</li>
 * </ul>
 *
 * Commands (ingest, score, ...) start no web server and never reach this: they need no password.
 */
final class FirstUsers implements SmartInitializingSingleton {

    static final String DEMO_PROFILE = "demo";
    /** Documented in the README; only ever set by the demo profile on an empty user store. */
    static final String DEMO_PASSWORD = "customs-demo";
    /** An importer of the demo bundle ({@code fixtures/sample}), "Daekyung Medi Tech", with 82 declarations. */
    static final String DEMO_TRADER_COMPANY = "476-87-16904";

    private static final Logger LOG = LoggerFactory.getLogger(FirstUsers.class);

    private final UserAccounts accounts;
    private final SecuritySettings settings;
    private final boolean demo;

    FirstUsers(UserAccounts accounts, SecuritySettings settings, boolean demo) {
        this.accounts = accounts;
        this.settings = settings;
        this.demo = demo;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (accounts.count() > 0) {
            return;
        }
        if (demo) {
            demoUsers()
                    .forEach((name, role) -> accounts.create(
                            name, DEMO_PASSWORD, Set.of(role), role == Role.TRADER ? DEMO_TRADER_COMPANY : null));
            LOG.warn(
                    "demo profile: created the demo users {} with the password '{}'",
                    demoUsers().keySet(),
                    DEMO_PASSWORD);
            return;
        }
        if (settings.adminPassword().isBlank()) {
            throw new FirstAdminMissingException("No user exists yet and no password for the first admin is configured."
                    + " Set RISK_ADMIN_PASSWORD (or --risk.security.admin-password=...; at least "
                    + settings.minPasswordLength() + " characters) to create the admin '" + settings.adminUsername()
                    + "' at this first start, or run './risk demo' for demo users.");
        }
        try {
            accounts.create(settings.adminUsername(), settings.adminPassword(), Set.of(Role.ADMIN), null);
        } catch (InvalidAccountException e) {
            throw new FirstAdminMissingException(
                    "Cannot create the first admin '" + settings.adminUsername()
                            + "' from RISK_ADMIN_USERNAME / RISK_ADMIN_PASSWORD: " + e.getMessage(),
                    e);
        }
        LOG.info("created the first admin '{}'", UserAccounts.normalize(settings.adminUsername()));
    }

    static Map<String, Role> demoUsers() {
        var users = new LinkedHashMap<String, Role>();
        users.put("admin", Role.ADMIN);
        users.put("officer", Role.RISK_OFFICER);
        users.put("investigator", Role.INVESTIGATOR);
        users.put("inspector", Role.INSPECTOR);
        users.put("trader", Role.TRADER);
        return users;
    }
}
