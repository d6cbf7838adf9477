package customs.risk.ui;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.vaadin.flow.spring.security.AuthenticationContext;
import customs.risk.cases.team.AccountPrincipal;
import customs.risk.cases.team.UserAccount;
import customs.risk.graph.access.Actor;
import customs.risk.graph.access.Role;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Who a view, built without a browser, takes to be signed in. */
public final class SignedIn {

    private SignedIn() {}

    /** An investigator, or an admin for an admin actor. */
    public static AuthenticationContext as(Actor actor) {
        var account = new UserAccount(
                actor.username(), Set.of(actor.admin() ? Role.ADMIN : Role.INVESTIGATOR), true, null, Instant.now());
        var principal = new AccountPrincipal(account, "");
        var authentication = mock(AuthenticationContext.class);
        when(authentication.getAuthenticatedUser(AccountPrincipal.class)).thenReturn(Optional.of(principal));
        return authentication;
    }
}
