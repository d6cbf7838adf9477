package customs.risk.graph.access;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a user may do. Stored by name on the {@code :User} node; Spring Security sees each as the
 * authority {@code ROLE_<name>}, which is what {@code @RolesAllowed("ADMIN")} and {@code hasRole("ADMIN")} match.
 */
public enum Role {
    /** Manages users; may use every staff function. */
    ADMIN,
    /** Loads bundles, reads the rankings and the documents, tunes the lanes. */
    RISK_OFFICER,
    /** Reads rankings, entities, networks and documents to build cases. */
    INVESTIGATOR,
    /** Records inspection results and reads the documents of the goods inspected. */
    INSPECTOR,
    /** An outside company's user: sees only the declarations of its own company, never a score. */
    TRADER;

    /** Everyone who works for the customs administration, as opposed to traders. */
    public static final Set<Role> STAFF = EnumSet.of(ADMIN, RISK_OFFICER, INVESTIGATOR, INSPECTOR);

    public String authority() {
        return "ROLE_" + name();
    }

    /** Role names for {@code hasAnyRole(...)} rules. */
    public static String[] names(Set<Role> roles) {
        return roles.stream().map(Role::name).toArray(String[]::new);
    }
}
