package customs.risk.app.security;

import customs.risk.cases.team.AccountPrincipal;
import customs.risk.cases.team.InvalidAccountException;
import customs.risk.cases.team.Notification;
import customs.risk.cases.team.UserAccounts;
import customs.risk.graph.access.Role;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's own settings: the e-mail address and which notifications go there. */
@RestController
class AccountController {

    private final UserAccounts accounts;

    AccountController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    /** @param email null when the user has none */
    record Settings(String username, Set<Role> roles, String email, Set<Notification> notifications) {}

    /** Fields left null stay as they are; an empty {@code email} removes the address. */
    record Change(String email, Set<Notification> notifications) {}

    @GetMapping("/api/account")
    Settings get(@AuthenticationPrincipal AccountPrincipal user) {
        return settings(user);
    }

    @PatchMapping("/api/account")
    Settings change(@AuthenticationPrincipal AccountPrincipal user, @RequestBody Change change) {
        if (change.email() != null) {
            accounts.setEmail(user.getUsername(), change.email());
        }
        if (change.notifications() != null) {
            accounts.setNotifications(user.getUsername(), change.notifications());
        }
        return settings(user);
    }

    @ExceptionHandler(InvalidAccountException.class)
    ProblemDetail refused(InvalidAccountException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty("field", e.field().name().toLowerCase(java.util.Locale.ROOT));
        return problem;
    }

    private Settings settings(AccountPrincipal user) {
        var contact = accounts.contact(user.getUsername()).orElseThrow();
        return new Settings(contact.username(), user.account().roles(), contact.email(), contact.notifications());
    }
}
