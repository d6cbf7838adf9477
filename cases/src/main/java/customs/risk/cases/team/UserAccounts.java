package customs.risk.cases.team;

import customs.risk.cases.team.InvalidAccountException.Field;
import customs.risk.graph.access.Role;
import customs.risk.graph.store.Graph;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Users and their roles, stored in the graph as {@code :User} nodes (unique {@code username},
 * bcrypt {@code passwordHash}, {@code roles}, {@code enabled}, {@code companyId} for traders,
 * {@code createdAt}). Every change is validated here, so the admin view, the first-admin bootstrap
 * and tests obey the same rules: a username of 3-40 lower-case letters, digits, dots, dashes or
 * underscores; a password of at least {@code risk.security.min-password-length} characters and at
 * most 72 bytes (bcrypt ignores the rest); a trader belongs to exactly one company and holds no
 * staff role; the last enabled admin can be neither disabled nor demoted. For e-mail, a user has an
 * {@code email} address (unique, lower case) and {@code notify}, the {@link Notification}s chosen; a
 * user who never chose gets all.
 */
public class UserAccounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,39}");
    private static final int BCRYPT_MAX_BYTES = 72;
    /** Deliberately loose: one {@code @}, a dot in the domain, no spaces; the mail server has the last word. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final Graph graph;
    private final PasswordEncoder encoder;
    private final int minPasswordLength;

    public UserAccounts(Driver driver, PasswordEncoder encoder, int minPasswordLength) {
        this.graph = new Graph(driver);
        this.encoder = encoder;
        this.minPasswordLength = minPasswordLength;
    }

    /** Login names are case-insensitive: stored and looked up in lower case. */
    public static String normalize(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Creates an enabled user.
     *
     * @param companyId required for a trader, refused for staff
     * @throws InvalidAccountException naming the field at fault, also when the username is taken
     */
    public UserAccount create(String username, String password, Collection<Role> roles, String companyId) {
        String name = normalize(username);
        checkUsername(name);
        checkPassword(name, password);
        Set<Role> checkedRoles = checkRoles(roles);
        String company = checkCompany(checkedRoles, companyId);
        var params = new HashMap<String, Object>();
        params.put("username", name);
        params.put("hash", encoder.encode(password));
        params.put("roles", names(checkedRoles));
        params.put("companyId", company);
        try {
            return graph.write(tx -> toAccount(tx.run("""
                    CREATE (u:User {username: $username, passwordHash: $hash, roles: $roles, enabled: true,
                                    companyId: $companyId, createdAt: datetime()})
                    RETURN u
                    """, params).single()));
        } catch (ClientException e) {
            if (e.code().endsWith("ConstraintValidationFailed")) {
                throw new InvalidAccountException(Field.USERNAME, "the username '" + name + "' is taken");
            }
            throw e;
        }
    }

    public Optional<UserAccount> find(String username) {
        return stored(normalize(username)).map(StoredUser::account);
    }

    /** A page of users in username order. */
    public List<UserAccount> list(int offset, int limit) {
        return graph.read(
                tx -> tx.run("""
                MATCH (u:User) RETURN u ORDER BY u.username SKIP $offset LIMIT $limit
                """, Map.of("offset", offset, "limit", limit)).list(UserAccounts::toAccount));
    }

    public long count() {
        return graph.read(
                tx -> tx.run("MATCH (u:User) RETURN count(u)").single().get(0).asLong());
    }

    /** Enables or disables a user; a disabled user cannot log in (open sessions end at their timeout). */
    public UserAccount setEnabled(String username, boolean enabled) {
        String name = normalize(username);
        var current = require(name);
        if (!enabled) {
            keepAnAdmin(current, EnumSet.noneOf(Role.class));
        }
        return update(name, "SET u.enabled = $enabled", Map.of("enabled", enabled));
    }

    /** Replaces a user's roles (and, for a trader, its company). */
    public UserAccount setRoles(String username, Collection<Role> roles, String companyId) {
        String name = normalize(username);
        Set<Role> checkedRoles = checkRoles(roles);
        String company = checkCompany(checkedRoles, companyId);
        var current = require(name);
        keepAnAdmin(current, checkedRoles);
        var params = new HashMap<String, Object>();
        params.put("roles", names(checkedRoles));
        params.put("companyId", company);
        return update(name, "SET u.roles = $roles, u.companyId = $companyId", params);
    }

    /**
     * A user's own change of password, which needs the current one.
     *
     * @throws InvalidAccountException when the current password is wrong or the new one is refused
     */
    public void changeOwnPassword(String username, String currentPassword, String newPassword) {
        var stored = stored(normalize(username))
                .orElseThrow(() -> new InvalidAccountException(Field.USERNAME, "no user '" + username + "'"));
        if (currentPassword == null || !encoder.matches(currentPassword, stored.passwordHash())) {
            throw new InvalidAccountException(Field.CURRENT_PASSWORD, "the current password is not right");
        }
        changePassword(username, newPassword);
    }

    public void changePassword(String username, String newPassword) {
        String name = normalize(username);
        require(name);
        checkPassword(name, newPassword);
        update(name, "SET u.passwordHash = $hash", Map.of("hash", encoder.encode(newPassword)));
    }

    /**
     * Sets or, with a blank address, removes the user's e-mail address.
     *
     * @throws InvalidAccountException when the address is malformed or another user has it
     */
    public MailContact setEmail(String username, String email) {
        String name = normalize(username);
        require(name);
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (address.isEmpty()) {
            update(name, "REMOVE u.email", Map.of());
            return contact(name).orElseThrow();
        }
        if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
            throw new InvalidAccountException(Field.EMAIL, "an e-mail address like name@example.org");
        }
        var holder = byEmail(address);
        if (holder.isPresent() && !holder.get().equals(name)) {
            throw new InvalidAccountException(Field.EMAIL, "the address is another user's");
        }
        update(name, "SET u.email = $email", Map.of("email", address));
        return contact(name).orElseThrow();
    }

    /** Replaces the notifications the user wants by e-mail; an empty set turns them all off. */
    public MailContact setNotifications(String username, Collection<Notification> notify) {
        String name = normalize(username);
        require(name);
        var names = (notify == null ? List.<Notification>of() : notify)
                .stream().distinct().sorted().map(Notification::name).toList();
        update(name, "SET u.notify = $notify", Map.of("notify", names));
        return contact(name).orElseThrow();
    }

    /** The user's address and notification choices. */
    public Optional<MailContact> contact(String username) {
        return graph
                .read(tx -> tx.run(
                                "MATCH (u:User {username: $username}) RETURN u",
                                Map.of("username", normalize(username)))
                        .list(UserAccounts::toContact))
                .stream()
                .findFirst();
    }

    /** The enabled users who hold any of the roles and have an address, with their choices. */
    public List<MailContact> contactsWithAnyRole(Collection<Role> roles) {
        return graph.read(tx -> tx.run(
                        """
                MATCH (u:User) WHERE u.enabled AND u.email IS NOT NULL AND any(r IN u.roles WHERE r IN $roles)
                RETURN u ORDER BY u.username
                """, Map.of("roles", roles.stream().map(Role::name).toList()))
                .list(UserAccounts::toContact));
    }

    /** The enabled traders of a company, with their addresses (an address may be missing). */
    public List<MailContact> traders(String companyId) {
        return graph.read(tx -> tx.run("""
                MATCH (u:User {companyId: $company}) WHERE u.enabled AND 'TRADER' IN u.roles
                RETURN u ORDER BY u.username
                """, Map.of("company", companyId)).list(UserAccounts::toContact));
    }

    /** The username of the user with this address (compared in lower case). */
    public Optional<String> byEmail(String email) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        return graph
                .read(tx -> tx.run("""
                MATCH (u:User {email: $email}) RETURN u.username AS username ORDER BY username LIMIT 1
                """, Map.of("email", address))
                        .list(r -> r.get("username").asString()))
                .stream()
                .findFirst();
    }

    /** The stored user with its hash, for authentication only. */
    public Optional<StoredUser> stored(String normalizedUsername) {
        return graph
                .read(tx -> tx.run(
                                "MATCH (u:User {username: $username}) RETURN u", Map.of("username", normalizedUsername))
                        .list())
                .stream()
                .findFirst()
                .map(r -> new StoredUser(
                        toAccount(r), r.get("u").get("passwordHash").asString()));
    }

    public record StoredUser(UserAccount account, String passwordHash) {}

    private UserAccount require(String name) {
        return find(name).orElseThrow(() -> new InvalidAccountException(Field.USERNAME, "no user '" + name + "'"));
    }

    private UserAccount update(String name, String set, Map<String, Object> params) {
        var all = new HashMap<>(params);
        all.put("username", name);
        return graph.write(tx -> toAccount(tx.run("MATCH (u:User {username: $username}) " + set + " RETURN u", all)
                .single()));
    }

    /** Refuses a change that would leave no enabled admin, since nobody could then manage users. */
    private void keepAnAdmin(UserAccount current, Set<Role> newRoles) {
        if (!current.enabled() || !current.roles().contains(Role.ADMIN) || newRoles.contains(Role.ADMIN)) {
            return;
        }
        long otherAdmins;
        otherAdmins = graph.read(tx -> tx.run("""
                MATCH (u:User {enabled: true}) WHERE 'ADMIN' IN u.roles AND u.username <> $username
                RETURN count(u)
                """, Map.of("username", current.username()))
                .single()
                .get(0)
                .asLong());
        if (otherAdmins == 0) {
            throw new InvalidAccountException(
                    Field.ACCOUNT,
                    "'" + current.username() + "' is the last enabled admin: make another user admin first");
        }
    }

    private static void checkUsername(String name) {
        if (!USERNAME.matcher(name).matches()) {
            throw new InvalidAccountException(
                    Field.USERNAME,
                    "3-40 characters: lower-case letters, digits, '.', '-' or '_', starting with a letter or digit");
        }
    }

    private void checkPassword(String name, String password) {
        if (password == null || password.codePointCount(0, password.length()) < minPasswordLength) {
            throw new InvalidAccountException(Field.PASSWORD, "at least " + minPasswordLength + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
            throw new InvalidAccountException(Field.PASSWORD, "at most " + BCRYPT_MAX_BYTES + " bytes (UTF-8)");
        }
        if (normalize(password).contains(name)) {
            throw new InvalidAccountException(Field.PASSWORD, "must not contain the username");
        }
    }

    private static Set<Role> checkRoles(Collection<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new InvalidAccountException(Field.ROLES, "choose at least one role");
        }
        var set = EnumSet.copyOf(roles);
        if (set.contains(Role.TRADER) && set.size() > 1) {
            throw new InvalidAccountException(Field.ROLES, "a trader cannot also hold a staff role");
        }
        return set;
    }

    private static String checkCompany(Set<Role> roles, String companyId) {
        String company = companyId == null ? "" : companyId.strip();
        if (roles.contains(Role.TRADER) && company.isEmpty()) {
            throw new InvalidAccountException(Field.COMPANY, "a trader needs the id of its company");
        }
        if (!roles.contains(Role.TRADER) && !company.isEmpty()) {
            throw new InvalidAccountException(Field.COMPANY, "only traders belong to a company");
        }
        return company.isEmpty() ? null : company;
    }

    private static List<String> names(Set<Role> roles) {
        return roles.stream().map(Role::name).toList();
    }

    private static MailContact toContact(Record record) {
        Value u = record.get("u");
        var notify = EnumSet.allOf(Notification.class);
        if (!u.get("notify").isNull()) {
            notify.clear();
            for (String kind : u.get("notify").asList(Value::asString)) {
                notify.add(Notification.valueOf(kind));
            }
        }
        return new MailContact(
                u.get("username").asString(),
                u.get("email").asString(null),
                notify,
                u.get("enabled").asBoolean(false));
    }

    private static UserAccount toAccount(Record record) {
        Value u = record.get("u");
        var roles = EnumSet.noneOf(Role.class);
        for (String role : u.get("roles").asList(Value::asString)) {
            roles.add(Role.valueOf(role));
        }
        String company = u.get("companyId").isNull() ? null : u.get("companyId").asString();
        return new UserAccount(
                u.get("username").asString(),
                roles,
                u.get("enabled").asBoolean(false),
                company,
                u.get("createdAt").asZonedDateTime().toInstant());
    }
}
