package customs.risk.app.cases;

/**
 * A case operation refused, with the reason the REST layer turns into a status. A case the caller
 * may not see is {@link Reason#NOT_FOUND}, exactly as a case that does not exist, so a case id says
 * nothing to someone outside the team.
 */
public final class CaseException extends RuntimeException {

    public enum Reason {
        /** No such case, message or entity visible to the caller. */
        NOT_FOUND,
        /** Visible, but the caller may not do this (another user's message). */
        FORBIDDEN,
        /** Not in the current state (posting into a closed case, editing a deleted message). */
        CONFLICT,
        /** Bad input. */
        INVALID
    }

    private final Reason reason;

    CaseException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static CaseException notFound(String caseId) {
        return new CaseException(Reason.NOT_FOUND, "no case " + caseId);
    }

    static CaseException invalid(String message) {
        return new CaseException(Reason.INVALID, message);
    }
}
