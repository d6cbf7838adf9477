package customs.risk.graph.access;

import java.util.Map;

/**
 * Who asks: the username written into timelines and messages, and whether the admin's right to see
 * and change every case applies.
 *
 * @param username lower-case login name
 * @param admin holds {@link Role#ADMIN}
 */
public record Actor(String username, boolean admin) {

    /** Whoever runs the command line on the server: they hold the data directory, so they see everything. */
    public static final Actor CONSOLE = new Actor("console", true);

    public Actor {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("an actor needs a username");
        }
    }

    /**
     * A Cypher condition: the actor may see the case bound to {@code variable}, as its owner, a
     * member, an admin, or the one who opened it while it has no owner. Takes the parameters of
     * {@link #parameters()}. Every query that can reach a case, or a document filed into one,
     * applies it, so that what belongs to a case stays in it.
     */
    public static String seesCase(String variable) {
        return ("($admin OR EXISTS { (:User {username: $user})-[:OWNS|MEMBER_OF]->(%1$s) }"
                        + " OR (%1$s.openedBy = $user AND NOT EXISTS { (:User)-[:OWNS]->(%1$s) }))")
                .formatted(variable);
    }

    /**
     * A Cypher condition: the actor may see the node bound to {@code variable}: anything but a case
     * they may not see or a document filed into such a case.
     */
    public static String sees(String variable) {
        return ("(NOT %1$s:Case OR %2$s) AND (NOT %1$s:Document OR %1$s.caseId IS NULL"
                        + " OR EXISTS { MATCH (filedInto:Case {id: %1$s.caseId}) WHERE %3$s })")
                .formatted(variable, seesCase(variable), seesCase("filedInto"));
    }

    /** The parameters {@link #seesCase} and {@link #sees} read. */
    public Map<String, Object> parameters() {
        return Map.of("user", username, "admin", admin);
    }

    /** A query's own parameters with those {@link #seesCase} and {@link #sees} read, in a map one may add to. */
    public Map<String, Object> parameters(Map<String, Object> own) {
        var parameters = new java.util.HashMap<String, Object>(own);
        parameters.putAll(parameters());
        return parameters;
    }
}
