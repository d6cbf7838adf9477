package customs.risk.engine.learning;

/**
 * Turns a ranking score into a probability: p = 1 / (1 + exp(-(a · s + b))), with a and b fitted by
 * maximum likelihood on held-out scores and their outcomes (Platt, "Probabilistic outputs for
 * support vector machines", 1999, with his smoothed targets so that a perfectly separated sample
 * does not drive a to infinity). Monotone, so it never reorders a ranking: what changes is that
 * "0.8" comes to mean that about 80% of such items were violations.
 *
 * <p>Fitting is O(n · iterations) by Newton's method; applying is O(1).
 *
 * @param slope a
 * @param intercept b
 */
public record PlattScaling(double slope, double intercept) {

    public static final PlattScaling IDENTITY = new PlattScaling(1, 0);
    static final int MAX_ITERATIONS = 100;

    public double probability(double score) {
        return 1 / (1 + Math.exp(-(slope * score + intercept)));
    }

    /** The log-odds after scaling. */
    public double logit(double score) {
        return slope * score + intercept;
    }

    /**
     * @param scores held-out scores (e.g. log-odds of a model that never saw the row)
     * @param labels outcomes, 0 or 1
     */
    public static PlattScaling fit(double[] scores, int[] labels) {
        if (scores.length != labels.length || scores.length == 0) {
            throw new IllegalArgumentException("need as many labels as scores, and at least one");
        }
        double positives = 0;
        for (int y : labels) {
            positives += y;
        }
        double negatives = labels.length - positives;
        double hiTarget = (positives + 1) / (positives + 2);
        double loTarget = 1 / (negatives + 2);
        double a = 1;
        double b = Math.log((positives + 1) / (negatives + 1));
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double gA = 0;
            double gB = 0;
            double hAA = 1e-9;
            double hAB = 0;
            double hBB = 1e-9;
            for (int i = 0; i < scores.length; i++) {
                double t = labels[i] == 1 ? hiTarget : loTarget;
                double p = 1 / (1 + Math.exp(-(a * scores[i] + b)));
                double d = p - t;
                double w = p * (1 - p);
                gA += d * scores[i];
                gB += d;
                hAA += w * scores[i] * scores[i];
                hAB += w * scores[i];
                hBB += w;
            }
            double det = hAA * hBB - hAB * hAB;
            if (Math.abs(det) < 1e-18) {
                break;
            }
            double stepA = (hBB * gA - hAB * gB) / det;
            double stepB = (hAA * gB - hAB * gA) / det;
            a -= stepA;
            b -= stepB;
            if (Math.abs(stepA) < 1e-9 && Math.abs(stepB) < 1e-9) {
                break;
            }
        }
        return new PlattScaling(a, b);
    }
}
