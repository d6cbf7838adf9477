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
    /** Keeps the Hessian invertible when all scores are alike. */
    private static final double SIGMA = 1e-12;

    private static final double MIN_STEP = 1e-10;

    public double probability(double score) {
        return sigmoid(slope * score + intercept);
    }

    /** The log-odds after scaling. */
    public double logit(double score) {
        return slope * score + intercept;
    }

    /**
     * Newton's method with a backtracking line search (Lin, Lin and Weng, "A note on Platt's
     * probabilistic outputs for support vector machines", 2007), which converges where plain Newton
     * steps overshoot on nearly separable scores.
     *
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
        double[] t = new double[scores.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = labels[i] == 1 ? hiTarget : loTarget;
        }
        double a = 1;
        double b = Math.log((positives + 1) / (negatives + 1));
        double loss = loss(scores, t, a, b);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double gA = 0;
            double gB = 0;
            double hAA = SIGMA;
            double hAB = 0;
            double hBB = SIGMA;
            for (int i = 0; i < scores.length; i++) {
                double p = sigmoid(a * scores[i] + b);
                double d = p - t[i];
                double w = p * (1 - p);
                gA += d * scores[i];
                gB += d;
                hAA += w * scores[i] * scores[i];
                hAB += w * scores[i];
                hBB += w;
            }
            if (Math.abs(gA) < 1e-5 && Math.abs(gB) < 1e-5) {
                break;
            }
            double det = hAA * hBB - hAB * hAB;
            double dA = -(hBB * gA - hAB * gB) / det;
            double dB = -(-hAB * gA + hAA * gB) / det;
            double descent = gA * dA + gB * dB;
            double step = 1;
            boolean moved = false;
            while (step >= MIN_STEP) {
                double na = a + step * dA;
                double nb = b + step * dB;
                double next = loss(scores, t, na, nb);
                if (next < loss + 1e-4 * step * descent) {
                    a = na;
                    b = nb;
                    loss = next;
                    moved = true;
                    break;
                }
                step /= 2;
            }
            if (!moved) {
                break;
            }
        }
        return new PlattScaling(a, b);
    }

    /** Cross-entropy against the smoothed targets, computed without overflow. */
    private static double loss(double[] scores, double[] t, double a, double b) {
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            double f = a * scores[i] + b;
            sum += f >= 0 ? Math.log1p(Math.exp(-f)) + (1 - t[i]) * f : Math.log1p(Math.exp(f)) - t[i] * f;
        }
        return sum;
    }

    private static double sigmoid(double f) {
        return f >= 0 ? 1 / (1 + Math.exp(-f)) : Math.exp(f) / (1 + Math.exp(f));
    }
}
