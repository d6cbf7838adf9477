package customs.risk.graph.access;

/**
 * An operation refused for a reason a client can act on; the REST API answers each reason with its
 * status ({@code ApiErrors}), the views show the message. Features refuse with a subclass of their
 * own ({@code CaseException}, {@code SurveyException}).
 */
public abstract class RefusedException extends RuntimeException {

    public enum Reason {
        /** Nothing by that id that the caller may see. */
        NOT_FOUND,
        /** Visible, but the caller may not do this. */
        FORBIDDEN,
        /** Not in the current state (e.g. a closed case, a second answer). */
        CONFLICT,
        /** Bad input. */
        INVALID
    }

    private final Reason reason;

    protected RefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
