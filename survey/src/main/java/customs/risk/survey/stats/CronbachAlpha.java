package customs.risk.survey.stats;

import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.stat.descriptive.moment.Variance;

/**
 * Cronbach's alpha, the internal consistency of a set of items, with Feldt's confidence interval.
 *
 * <p>alpha = k/(k-1) * (1 - sum of item variances / variance of the respondents' total scores)
 * (Cronbach 1951, Psychometrika 16, 297-334). The interval follows Feldt, Woodruff and Salih (1987),
 * Applied Psychological Measurement 11, 93-103, p. 95 formulas 6 and 7: with n respondents and k items,
 * lower = 1 - (1 - alpha) F(1 - c/2; n-1, (n-1)(k-1)) and upper = 1 - (1 - alpha) F(c/2; n-1, (n-1)(k-1)),
 * where c = 1 - confidence and F(p; d1, d2) is the p-quantile of the F distribution. This is the interval
 * R's {@code cocron::cronbach.alpha.CI} and Python's {@code pingouin.cronbach_alpha} report.
 *
 * <p>O(n k) time. Raw (covariance) alpha, as psych's {@code raw_alpha}, not the standardised one.
 */
public final class CronbachAlpha {

    public static final double CONFIDENCE_DEFAULT = 0.95;

    /**
     * @param value alpha; can be negative when items disagree more than they agree
     * @param lower lower bound of the confidence interval
     * @param upper upper bound of the confidence interval
     * @param confidence e.g. 0.95
     */
    public record Alpha(double value, double lower, double upper, double confidence) {}

    private final double confidence;

    public CronbachAlpha() {
        this(CONFIDENCE_DEFAULT);
    }

    public CronbachAlpha(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie strictly between 0 and 1");
        }
        this.confidence = confidence;
    }

    /**
     * @throws SurveyDataException with fewer than 2 items or 3 respondents, or when every respondent has
     *     the same total score (alpha is then undefined)
     */
    public Alpha compute(ResponseMatrix answers) {
        int n = answers.n();
        int k = answers.k();
        Checks.enough(n, k);
        var variance = new Variance(true);
        double sumItemVariances = 0;
        double[] totals = new double[n];
        for (int j = 0; j < k; j++) {
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = answers.value(i, j);
                totals[i] += column[i];
            }
            sumItemVariances += variance.evaluate(column);
        }
        double totalVariance = variance.evaluate(totals);
        if (totalVariance == 0) {
            throw new SurveyDataException("every respondent has the same total score: alpha is undefined");
        }
        double alpha = k / (k - 1.0) * (1 - sumItemVariances / totalVariance);
        var f = new FDistribution(null, n - 1, (n - 1.0) * (k - 1), FDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);
        double tail = (1 - confidence) / 2;
        double lower = 1 - (1 - alpha) * f.inverseCumulativeProbability(1 - tail);
        double upper = 1 - (1 - alpha) * f.inverseCumulativeProbability(tail);
        return new Alpha(alpha, lower, upper, confidence);
    }
}
