package customs.risk.survey.stats;

/** The minimum a statistic of this package needs. */
final class Checks {

    static final int MIN_ITEMS = 2;
    static final int MIN_RESPONDENTS = 3;

    private Checks() {}

    static void enough(int n, int k) {
        if (k < MIN_ITEMS) {
            throw new SurveyDataException(
                    "at least " + MIN_ITEMS + " items are needed, there " + (k == 1 ? "is 1" : "are " + k));
        }
        if (n < MIN_RESPONDENTS) {
            throw new SurveyDataException(
                    "at least " + MIN_RESPONDENTS + " respondents are needed, there " + (n == 1 ? "is 1" : "are " + n));
        }
    }
}
