package customs.risk.survey.service;

import customs.risk.graph.access.RefusedException;

/**
 * A survey operation refused: FORBIDDEN when the survey is not open to the caller's roles, CONFLICT
 * for answering twice, answering a closed survey or editing one with answers.
 */
public final class SurveyException extends RefusedException {

    SurveyException(Reason reason, String message) {
        super(reason, message);
    }

    public static SurveyException notFound(String id) {
        return new SurveyException(Reason.NOT_FOUND, "no survey " + id);
    }

    static SurveyException invalid(String message) {
        return new SurveyException(Reason.INVALID, message);
    }

    static SurveyException conflict(String message) {
        return new SurveyException(Reason.CONFLICT, message);
    }
}
