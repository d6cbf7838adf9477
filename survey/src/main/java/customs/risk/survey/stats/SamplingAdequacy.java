package customs.risk.survey.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The Kaiser-Meyer-Olkin measure of sampling adequacy (KMO), overall and per item (MSA), in the form of
 * Kaiser and Rice (1974), Educational and Psychological Measurement 34, 111-117, as SPSS and R's
 * {@code psych::KMO} compute it.
 *
 * <p>With R the correlation matrix and q_ij = -R^-1_ij / sqrt(R^-1_ii R^-1_jj) the partial (anti-image)
 * correlations: KMO = sum r_ij^2 / (sum r_ij^2 + sum q_ij^2) over all i != j; MSA_i the same with the sums
 * restricted to row i. Near 1: the items share common factors; near 0: correlations are mostly pairwise.
 * O(n k^2 + k^3) time.
 */
public final class SamplingAdequacy {

    /**
     * @param overall KMO over all items
     * @param perItem MSA of each item, in item order
     */
    public record Kmo(double overall, List<Double> perItem) {
        public Kmo {
            perItem = List.copyOf(perItem);
        }
    }

    /** @throws SurveyDataException when the correlation matrix cannot be inverted (see {@link Correlations}) */
    public Kmo compute(ResponseMatrix answers) {
        return compute(Correlations.of(answers));
    }

    /** From a correlation matrix, as {@code psych::KMO(R)}. */
    public Kmo compute(RealMatrix correlation) {
        return compute(Correlations.of(correlation, Checks.MIN_RESPONDENTS));
    }

    Kmo compute(Correlations c) {
        int k = c.r.getRowDimension();
        double sumR = 0;
        double sumQ = 0;
        var perItem = new ArrayList<Double>(k);
        for (int i = 0; i < k; i++) {
            double rowR = 0;
            double rowQ = 0;
            for (int j = 0; j < k; j++) {
                if (i == j) {
                    continue;
                }
                double r = c.r.getEntry(i, j);
                double q = -c.inverse.getEntry(i, j) / Math.sqrt(c.inverse.getEntry(i, i) * c.inverse.getEntry(j, j));
                rowR += r * r;
                rowQ += q * q;
            }
            perItem.add(rowR / (rowR + rowQ));
            sumR += rowR;
            sumQ += rowQ;
        }
        return new Kmo(sumR / (sumR + sumQ), perItem);
    }
}
