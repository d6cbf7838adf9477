package customs.risk.cases.team;

import customs.risk.graph.access.Actor;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The logged-in user as Spring Security holds it. Carries the trader's company, so a controller can
 * scope what it returns with {@code @AuthenticationPrincipal AccountPrincipal user}.
 */
public final class AccountPrincipal implements UserDetails, CredentialsContainer {

    private final UserAccount account;
    private String passwordHash;

    public AccountPrincipal(UserAccount account, String passwordHash) {
        this.account = account;
        this.passwordHash = passwordHash;
    }

    public UserAccount account() {
        return account;
    }

    /** The account as the services see it: its username, and whether the admin's rights apply. */
    public Actor actor() {
        return account.actor();
    }

    /** The company a trader may see; empty for staff. */
    public Optional<String> companyId() {
        return account.company();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return account.roles().stream()
                .sorted()
                .map(r -> new SimpleGrantedAuthority(r.authority()))
                .toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return account.username();
    }

    @Override
    public boolean isEnabled() {
        return account.enabled();
    }

    /** The hash is dropped once the login is checked, so it does not live on in the session. */
    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccountPrincipal p && p.getUsername().equals(getUsername());
    }

    @Override
    public int hashCode() {
        return getUsername().hashCode();
    }

    @Override
    public String toString() {
        return "AccountPrincipal[" + getUsername() + ", " + List.copyOf(account.roles()) + "]";
    }
}
