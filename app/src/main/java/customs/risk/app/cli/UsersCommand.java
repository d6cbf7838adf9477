package customs.risk.app.cli;

import customs.risk.cases.team.InvalidAccountException;
import customs.risk.cases.team.UserAccount;
import customs.risk.cases.team.UserAdministration;
import customs.risk.graph.access.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code ./risk users}: administrators manage users from the server's shell, under the same rules as
 * the users view and the REST API, each change in the audit as done by {@code console}.
 */
@Command(
        name = "users",
        mixinStandardHelpOptions = true,
        description = {
            "Manage users: list, add NAME --role R [--company ID], roles NAME --role R...,"
                    + " disable NAME, enable NAME, password NAME, audit.",
            "A password is read from the standard input (one line), never from the command line."
        },
        footer = {"", "Example: echo 's3cret-passw0rd' | ./risk users add kim --role INVESTIGATOR"})
final class UsersCommand implements Callable<Integer> {

    private static final String ACTOR = "console";

    @Parameters(index = "0", description = "list, add, roles, disable, enable, password or audit")
    String action;

    @Parameters(index = "1", arity = "0..1", description = "the username")
    String username;

    @Option(names = "--role", description = "a role: ${COMPLETION-CANDIDATES}")
    List<Role> roles = new ArrayList<>();

    @Option(names = "--company", description = "the company of a trader")
    String company;

    @Mixin
    DataDirOption data;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (!action.equals("list") && !action.equals("audit") && username == null) {
            System.err.println("error: " + action + " needs a username");
            return ExitCodes.USAGE;
        }
        try (var context = ApplicationContexts.start(data.dataDir, false, springArgs)) {
            var users = context.getBean(UserAdministration.class);
            switch (action) {
                case "list" -> users.list(0, UserAdministration.MAX_PAGE).forEach(u -> System.out.println(line(u)));
                case "add" ->
                    System.out.println(line(users.create(ACTOR, username, password(), Set.copyOf(roles), company)));
                case "roles" -> System.out.println(line(users.setRoles(ACTOR, username, Set.copyOf(roles), company)));
                case "disable" -> System.out.println(line(users.setEnabled(ACTOR, username, false)));
                case "enable" -> System.out.println(line(users.setEnabled(ACTOR, username, true)));
                case "password" -> {
                    users.resetPassword(ACTOR, username, password());
                    System.out.println("password of " + username + " changed");
                }
                case "audit" ->
                    users.audit(0, UserAdministration.MAX_PAGE)
                            .forEach(e -> System.out.println(e.at() + "\t" + e.actor() + "\t" + e.action() + "\t"
                                    + e.target() + "\t" + e.detail()));
                default -> {
                    System.err.println("error: unknown action '" + action
                            + "': list, add, roles, disable, enable, password or audit");
                    return ExitCodes.USAGE;
                }
            }
            return ExitCodes.OK;
        } catch (InvalidAccountException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    private static String line(UserAccount user) {
        return user.username() + "\t"
                + String.join(
                        ",", user.roles().stream().map(Role::name).sorted().toList())
                + "\t" + (user.enabled() ? "enabled" : "disabled")
                + (user.companyId() == null ? "" : "\t" + user.companyId());
    }

    private static String password() throws IOException {
        var line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? "" : line.strip();
    }
}
