package customs.risk.survey.stats;

import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.special.Gamma;

/**
 * Bartlett's test of sphericity: whether the item correlation matrix R differs from the identity, i.e.
 * whether the items correlate at all (Bartlett 1951, Biometrika 38, 337-344).
 *
 * <p>chi^2 = -(n - 1 - (2k + 5)/6) ln|R| with k(k-1)/2 degrees of freedom, as R's
 * {@code psych::cortest.bartlett}. The p-value is the chi-square upper tail, taken as the regularized
 * upper incomplete gamma function Q(df/2, chi^2/2) from Commons Math, which stays accurate far into the
 * tail where 1 - CDF would round to 0. O(n k^2 + k^3) time.
 */
public final class BartlettSphericity {

    /**
     * @param chiSquare the test statistic
     * @param degreesOfFreedom k(k-1)/2
     * @param pValue probability of a statistic at least this large if the items were uncorrelated
     */
    public record Bartlett(double chiSquare, int degreesOfFreedom, double pValue) {}

    /**
     * @throws SurveyDataException when R is singular (see {@link Correlations}) or there are too few
     *     respondents for the number of items (n - 1 - (2k + 5)/6 must be positive)
     */
    public Bartlett compute(ResponseMatrix answers) {
        return compute(Correlations.of(answers));
    }

    /**
     * From a correlation matrix, as {@code psych::cortest.bartlett(R, n)}.
     *
     * @param n the number of observations R was computed from
     */
    public Bartlett compute(RealMatrix correlation, int n) {
        return compute(Correlations.of(correlation, n));
    }

    Bartlett compute(Correlations c) {
        int k = c.r.getRowDimension();
        double factor = c.n - 1 - (2.0 * k + 5) / 6;
        if (factor <= 0) {
            throw new SurveyDataException("too few respondents (" + c.n + ") for Bartlett's test with " + k + " items");
        }
        double chiSquare = -factor * c.logDeterminant;
        int df = k * (k - 1) / 2;
        return new Bartlett(chiSquare, df, Gamma.regularizedGammaQ(df / 2.0, chiSquare / 2.0));
    }
}
