package customs.risk.app.survey;

/** A survey operation refused, with the reason the REST layer turns into a status. */
public final class SurveyException extends RuntimeException {

    public enum Reason {
        /** No such survey. */
        NOT_FOUND,
        /** The survey exists but is not open to the caller's roles. */
        FORBIDDEN,
        /** Not in the current state: answering twice, answering a closed survey, editing one with answers. */
        CONFLICT,
        /** Bad input. */
        INVALID
    }

    private final Reason reason;

    SurveyException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static SurveyException notFound(String id) {
        return new SurveyException(Reason.NOT_FOUND, "no survey " + id);
    }

    static SurveyException invalid(String message) {
        return new SurveyException(Reason.INVALID, message);
    }

    static SurveyException conflict(String message) {
        return new SurveyException(Reason.CONFLICT, message);
    }
}
