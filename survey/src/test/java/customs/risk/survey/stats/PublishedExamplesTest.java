package customs.risk.survey.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import customs.risk.survey.Fixtures;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;

/**
 * Each statistic against numbers published for the same data by others (R's psych and performance
 * packages, Python's pingouin). Where no published number exists, the test recomputes the figure by
 * a different route than the library takes, and says so.
 */
class PublishedExamplesTest {

    private static final List<String> MTCARS_ITEMS =
            List.of("mpg", "cyl", "disp", "hp", "drat", "wt", "qsec", "vs", "am", "gear", "carb");

    /**
     * psych::KMO(mtcars), printed in G. Daróczi, "Mastering Data Analysis with R", Packt 2015, chapter 9
     * "From Big to Small Data" (section on KMO and Bartlett's test): "Overall MSA = 0.83; MSA for each
     * item = mpg 0.93 cyl 0.90 disp 0.76 hp 0.84 drat 0.95 wt 0.74 qsec 0.74 vs 0.91 am 0.88 gear 0.85
     * carb 0.62". A third decimal: easystats/performance, tests/testthat/test-checks.R,
     * {@code expect_equal(check_factorstructure(mtcars)$KMO$MSA, 0.826, tolerance = 0.01)} (0.8266
     * truncated; their test allows 1%, this one 0.001).
     */
    @Test
    void kmoOfMtcarsMatchesPsych() {
        var kmo = new SamplingAdequacy().compute(Fixtures.mtcars().answers());

        assertThat(kmo.overall()).isCloseTo(0.826, within(0.001));
        assertThat(round2(kmo.overall())).isEqualTo(0.83);
        double[] published = {0.93, 0.90, 0.76, 0.84, 0.95, 0.74, 0.74, 0.91, 0.88, 0.85, 0.62};
        for (int i = 0; i < published.length; i++) {
            assertThat(round2(kmo.perItem().get(i))).as(MTCARS_ITEMS.get(i)).isEqualTo(published[i]);
        }
    }

    /**
     * Bartlett's test on mtcars with its 32 cars: chi-square 408.011 with 55 df (easystats/performance,
     * tests/testthat/test-checks.R, {@code expect_equal(x$sphericity$chisq, 408.011)}). Daróczi (2015,
     * as above) prints {@code cortest.bartlett(cor(mtcars))}, where psych assumes n = 100 because it was
     * given a matrix: chisq 1454.985, p.value 3.884209e-268, df 55. Both come from the same ln|R|, so the
     * second also checks the p-value far into the tail.
     */
    @Test
    void bartlettOfMtcarsMatchesPsych() {
        var answers = Fixtures.mtcars().answers();

        var bartlett = new BartlettSphericity().compute(answers);
        assertThat(bartlett.chiSquare()).isCloseTo(408.011, within(0.001));
        assertThat(bartlett.degreesOfFreedom()).isEqualTo(55);
        assertThat(bartlett.pValue()).isLessThan(1e-50);

        var asIfHundred = new BartlettSphericity().compute(correlation(answers), 100);
        assertThat(asIfHundred.chiSquare()).isCloseTo(1454.985, within(0.001));
        assertThat(asIfHundred.degreesOfFreedom()).isEqualTo(55);
        assertThat(asIfHundred.pValue()).isCloseTo(3.884209e-268, withinPercentage(0.001));
    }

    /** easystats/performance, tests/testthat/test-cronbachs_alpha.R: mtcars[, c("cyl","gear","carb","hp")] gives 0.09463206. */
    @Test
    void alphaOfFourMtcarsColumnsMatchesPerformance() {
        var four = Fixtures.mtcars().answers().select(List.of("cyl", "gear", "carb", "hp"));

        assertThat(new CronbachAlpha().compute(four).value()).isCloseTo(0.09463206, within(1e-7));
    }

    /**
     * pingouin's docstring and tests (raphaelvallat/pingouin, pingouin/reliability.py and
     * tests/test_reliability.py; "results have been tested against the R package psych"): for its
     * {@code cronbach_alpha} data set, alpha 0.591719 with the Feldt 95% interval [0.195, 0.840].
     */
    @Test
    void alphaAndFeldtIntervalOfPingouinExample() {
        var alpha = new CronbachAlpha().compute(Fixtures.pingouin().answers());

        assertThat(alpha.value()).isCloseTo(0.591719, within(5e-7));
        assertThat(alpha.lower()).isCloseTo(0.195, within(0.0005));
        assertThat(alpha.upper()).isCloseTo(0.840, within(0.0005));
        assertThat(alpha.confidence()).isEqualTo(0.95);
    }

    /** No published figure: alpha recomputed from the covariance matrix, k/(k-1) (1 - trace(C) / sum(C)). */
    @Test
    void alphaAgreesWithTheCovarianceRoute() {
        for (var table : List.of(Fixtures.pingouin(), Fixtures.mtcars())) {
            var answers = table.answers();
            RealMatrix c =
                    new org.apache.commons.math3.stat.correlation.Covariance(answers.rows()).getCovarianceMatrix();
            double trace = c.getTrace();
            double sum = 0;
            for (double[] row : c.getData()) {
                for (double v : row) {
                    sum += v;
                }
            }
            int k = answers.k();
            double expected = k / (k - 1.0) * (1 - trace / sum);

            assertThat(new CronbachAlpha().compute(answers).value()).isCloseTo(expected, within(1e-12));
        }
    }

    /**
     * No published KMO or Bartlett figure for the pingouin data: both recomputed here from an LU inverse
     * and LU determinant, where the library uses Cholesky.
     */
    @Test
    void kmoAndBartlettAgreeWithTheLuRoute() {
        var answers = Fixtures.pingouin().answers();
        RealMatrix r = correlation(answers);
        var lu = new LUDecomposition(r);
        RealMatrix inverse = lu.getSolver().getInverse();
        int k = r.getRowDimension();
        double sumR = 0;
        double sumQ = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (i != j) {
                    double q = inverse.getEntry(i, j) / Math.sqrt(inverse.getEntry(i, i) * inverse.getEntry(j, j));
                    sumR += r.getEntry(i, j) * r.getEntry(i, j);
                    sumQ += q * q;
                }
            }
        }
        double chi = -(answers.n() - 1 - (2.0 * k + 5) / 6) * Math.log(lu.getDeterminant());

        assertThat(new SamplingAdequacy().compute(answers).overall()).isCloseTo(sumR / (sumR + sumQ), within(1e-12));
        var bartlett = new BartlettSphericity().compute(answers);
        assertThat(bartlett.chiSquare()).isCloseTo(chi, within(1e-9));
        assertThat(bartlett.pValue())
                .isCloseTo(
                        1
                                - new org.apache.commons.math3.distribution.ChiSquaredDistribution(45)
                                        .cumulativeProbability(chi),
                        within(1e-12));
    }

    /** R: mean(mtcars$mpg) = 20.09062, sd(mtcars$mpg) = 6.026948 (as printed by summary/psych::describe). */
    @Test
    void descriptivesOfMtcars() {
        var report = new SurveyStatistics().analyse(Fixtures.mtcars().answers());

        var mpg = report.items().getFirst();
        assertThat(mpg.name()).isEqualTo("mpg");
        assertThat(mpg.mean()).isCloseTo(20.09062, within(0.00001));
        assertThat(mpg.sd()).isCloseTo(6.026948, within(0.0000005));
        assertThat(report.n()).isEqualTo(32);
    }

    private static RealMatrix correlation(ResponseMatrix answers) {
        return new PearsonsCorrelation(new Array2DRowRealMatrix(answers.rows())).getCorrelationMatrix();
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
