package customs.risk.engine.stats;

/** The Poisson distribution's upper tail, for "more than chance would give" tests. */
public final class Poisson {

    private Poisson() {}

    /**
     * P(X >= observed) for X Poisson with the given mean: the upper tail summed term by term from
     * the mass function in log space when observed lies above the mean (no cancellation for small
     * tails), one minus the lower tail otherwise.
     */
    public static double upperTail(int observed, double mean) {
        if (observed <= 0) {
            return 1;
        }
        if (mean <= 0) {
            return 0;
        }
        double logMean = Math.log(mean);
        double logFactorial = 0;
        for (int i = 2; i <= observed; i++) {
            logFactorial += Math.log(i);
        }
        if (observed > mean) {
            double term = Math.exp(observed * logMean - mean - logFactorial);
            double sum = 0;
            for (int i = observed; term > 0 && term >= sum * 1e-17; i++) {
                sum += term;
                term *= mean / (i + 1);
            }
            return Math.min(1, sum);
        }
        double lower = 0;
        double logTerm = -mean;
        for (int i = 0; i < observed; i++) {
            lower += Math.exp(logTerm);
            logTerm += logMean - Math.log(i + 1);
        }
        return Math.max(0, Math.min(1, 1 - lower));
    }
}
