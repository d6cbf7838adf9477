package customs.risk.cases;

import customs.risk.graph.access.RefusedException;

/**
 * A case operation refused. A case the caller may not see is {@link Reason#NOT_FOUND}, exactly as a
 * case that does not exist, so a case id says nothing to someone outside the team.
 */
public final class CaseException extends RefusedException {

    CaseException(Reason reason, String message) {
        super(reason, message);
    }

    static CaseException notFound(String caseId) {
        return new CaseException(Reason.NOT_FOUND, "no case " + caseId);
    }

    public static CaseException invalid(String message) {
        return new CaseException(Reason.INVALID, message);
    }
}
