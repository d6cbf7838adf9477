package customs.risk.survey.stats;

import java.util.Locale;

/**
 * What each figure means for whether the answers can be analysed, in plain words: the same sentences
 * in the web UI, the REST API and the command line.
 */
public final class Interpretation {

    /** Bartlett's test counts as significant below this p-value. */
    public static final double SIGNIFICANCE_DEFAULT = 0.05;
    /** Items with an MSA below this are worth reconsidering (Kaiser's "unacceptable"). */
    public static final double MSA_MINIMUM_DEFAULT = 0.5;

    private Interpretation() {}

    /** George and Mallery (2003): excellent, good, acceptable, questionable, poor, unacceptable. */
    public static String alphaLabel(double alpha) {
        if (alpha >= 0.9) {
            return "excellent";
        }
        if (alpha >= 0.8) {
            return "good";
        }
        if (alpha >= 0.7) {
            return "acceptable";
        }
        if (alpha >= 0.6) {
            return "questionable";
        }
        if (alpha >= 0.5) {
            return "poor";
        }
        return "unacceptable";
    }

    public static String alpha(CronbachAlpha.Alpha a) {
        String label = alphaLabel(a.value());
        String meaning = a.value() >= 0.7
                ? "the statements measure the same thing consistently enough to be summed into one score"
                : a.value() >= 0.6
                        ? "the statements hang together only loosely; a summed score is usable with caution"
                        : "the statements do not hang together; do not sum them into one score";
        return String.format(
                Locale.ROOT,
                "Cronbach's alpha %.3f is %s (George & Mallery): %s. %d%% confidence " + "interval %.3f to %.3f%s.",
                a.value(),
                label,
                meaning,
                Math.round(a.confidence() * 100),
                a.lower(),
                a.upper(),
                a.lower() < 0.7 && a.value() >= 0.7
                        ? "; its lower end is below 0.7, so more respondents " + "would make the conclusion firmer"
                        : "");
    }

    /** Kaiser (1974): marvellous, meritorious, middling, mediocre, miserable, unacceptable. */
    public static String kmoLabel(double kmo) {
        if (kmo >= 0.9) {
            return "marvellous";
        }
        if (kmo >= 0.8) {
            return "meritorious";
        }
        if (kmo >= 0.7) {
            return "middling";
        }
        if (kmo >= 0.6) {
            return "mediocre";
        }
        if (kmo >= 0.5) {
            return "miserable";
        }
        return "unacceptable";
    }

    public static String kmo(double kmo) {
        String meaning = kmo >= 0.7
                ? "the statements share enough common variance for factor analysis"
                : kmo >= 0.6
                        ? "the statements share just enough common variance; factor analysis is possible, its "
                                + "factors may be unstable"
                        : kmo >= 0.5
                                ? "the statements share little common variance; factor analysis is barely defensible"
                                : "the statements share too little common variance; factor analysis is not advisable";
        return String.format(Locale.ROOT, "KMO %.3f is %s (Kaiser): %s.", kmo, kmoLabel(kmo), meaning);
    }

    public static String bartlett(BartlettSphericity.Bartlett b) {
        String figures = String.format(
                Locale.ROOT,
                "chi-square %.2f, df %d, p %s",
                b.chiSquare(),
                b.degreesOfFreedom(),
                b.pValue() < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "= %.3f", b.pValue()));
        return b.pValue() < SIGNIFICANCE_DEFAULT
                ? "Bartlett's test (" + figures + ") is significant: the correlations differ from none at all, so "
                        + "factor analysis is appropriate."
                : "Bartlett's test (" + figures + ") is not significant: the statements may well be uncorrelated, so "
                        + "factor analysis would find nothing.";
    }
}
