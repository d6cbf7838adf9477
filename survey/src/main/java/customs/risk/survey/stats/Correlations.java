package customs.risk.survey.stats;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * The Pearson correlation matrix R of the items, with its inverse and ln|R| from one Cholesky
 * decomposition. R must be positive definite: KMO needs R^-1, Bartlett needs ln|R|.
 */
final class Correlations {

    final int n;
    final RealMatrix r;
    final RealMatrix inverse;
    final double logDeterminant;

    private Correlations(int n, RealMatrix r, RealMatrix inverse, double logDeterminant) {
        this.n = n;
        this.r = r;
        this.inverse = inverse;
        this.logDeterminant = logDeterminant;
    }

    /**
     * @throws SurveyDataException with too few items or respondents, a constant item (its correlations
     *     are undefined), or a singular correlation matrix (an item is a linear combination of others, or
     *     there are not more respondents than items)
     */
    static Correlations of(ResponseMatrix answers) {
        int n = answers.n();
        int k = answers.k();
        Checks.enough(n, k);
        double[][] data = answers.rows();
        var sd = new StandardDeviation(true);
        for (int j = 0; j < k; j++) {
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = data[i][j];
            }
            if (sd.evaluate(column) == 0) {
                throw new SurveyDataException("item \"" + answers.items().get(j)
                        + "\" got the same answer from everyone: its correlations are undefined");
            }
        }
        return of(new PearsonsCorrelation(new Array2DRowRealMatrix(data, false)).getCorrelationMatrix(), n);
    }

    /**
     * @param r a correlation matrix
     * @param n the number of observations it was computed from
     * @throws SurveyDataException when r is not square, symmetric and positive definite
     */
    static Correlations of(RealMatrix r, int n) {
        int k = r.getRowDimension();
        if (!r.isSquare() || k < Checks.MIN_ITEMS) {
            throw new SurveyDataException(
                    "a correlation matrix must be square, with at least " + Checks.MIN_ITEMS + " rows");
        }
        try {
            var cholesky = new CholeskyDecomposition(r, 1e-12, 1e-10);
            double logDet = 0;
            RealMatrix l = cholesky.getL();
            for (int j = 0; j < k; j++) {
                logDet += 2 * Math.log(l.getEntry(j, j));
            }
            return new Correlations(n, r, cholesky.getSolver().getInverse(), logDet);
        } catch (NonSymmetricMatrixException e) {
            throw new SurveyDataException("the correlation matrix is not symmetric");
        } catch (NonPositiveDefiniteMatrixException e) {
            throw new SurveyDataException("the correlation matrix is singular"
                    + (n <= k
                            ? " (" + n + " respondents for " + k + " items: more respondents than items are needed)"
                            : " (some item is a linear combination of others)"));
        }
    }
}
