package customs.risk.app.security;

import customs.risk.cases.team.AccountPrincipal;
import customs.risk.cases.team.InvalidAccountException;
import customs.risk.cases.team.UserAccount;
import customs.risk.cases.team.UserAdministration;
import customs.risk.graph.access.Role;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Users and the audit of what administrators did to them, for administrators (see {@link ApiAccess}). */
@RestController
class UsersController {

    /** A new user: roles by name, a company for a trader. */
    record NewUser(String username, String password, Set<Role> roles, String companyId) {}

    /** Changes to a user; what is null stays as it is. */
    record UserChanges(Set<Role> roles, String companyId, Boolean enabled, String password) {}

    private final UserAdministration users;

    UsersController(UserAdministration users) {
        this.users = users;
    }

    @GetMapping("/api/users")
    List<UserAccount> list(
            @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit) {
        if (offset < 0 || limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("offset >= 0 and limit within 1..1000");
        }
        return users.list(offset, limit);
    }

    @PostMapping("/api/users")
    ResponseEntity<UserAccount> create(@AuthenticationPrincipal AccountPrincipal admin, @RequestBody NewUser user) {
        var created = users.create(
                admin.getUsername(),
                user.username(),
                user.password(),
                user.roles() == null ? Set.of() : user.roles(),
                user.companyId());
        return ResponseEntity.created(URI.create("/api/users/" + created.username()))
                .body(created);
    }

    @PatchMapping("/api/users/{username}")
    UserAccount change(
            @AuthenticationPrincipal AccountPrincipal admin,
            @PathVariable String username,
            @RequestBody UserChanges changes) {
        String actor = admin.getUsername();
        if (changes.password() != null) {
            users.resetPassword(actor, username, changes.password());
        }
        if (changes.roles() != null) {
            users.setRoles(actor, username, changes.roles(), changes.companyId());
        }
        if (changes.enabled() != null) {
            users.setEnabled(actor, username, changes.enabled());
        }
        return users.find(username)
                .orElseThrow(() -> new InvalidAccountException(
                        InvalidAccountException.Field.USERNAME, "no user '" + username + "'"));
    }

    /** What administrators did to users, oldest first, as JSON or ({@code format=csv}) a CSV download. */
    @GetMapping("/api/admin/audit")
    ResponseEntity<?> audit(
            @RequestParam(defaultValue = "json") String format,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "" + UserAdministration.MAX_PAGE) int limit) {
        var events = users.audit(offset, limit);
        return switch (format) {
            case "json" -> ResponseEntity.ok(events);
            case "csv" ->
                AuditCsv.download(
                        "admin-audit.csv",
                        List.of("at", "actor", "action", "target", "detail"),
                        events.stream()
                                .map(e -> List.<Object>of(
                                        e.at().toString(), e.actor(), e.action().name(), e.target(), e.detail()))
                                .toList());
            default -> throw new IllegalArgumentException("format is json or csv, not '" + format + "'");
        };
    }

    @ExceptionHandler({InvalidAccountException.class, IllegalArgumentException.class})
    ProblemDetail refused(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
