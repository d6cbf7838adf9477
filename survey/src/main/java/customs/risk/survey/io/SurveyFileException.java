package customs.risk.survey.io;

/** A file of answers that cannot be read; the message names the row and column where it can. */
public class SurveyFileException extends RuntimeException {

    public SurveyFileException(String message) {
        super(message);
    }

    public SurveyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
