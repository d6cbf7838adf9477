package customs.risk.survey.stats;

/** Answers from which a statistic cannot be computed at all; the message says why, in words a user can act on. */
public class SurveyDataException extends IllegalArgumentException {

    public SurveyDataException(String message) {
        super(message);
    }
}
