package customs.risk.engine.resolution;

/** Two records compared and scored: indices into the profiles they were read from. */
record ScoredPair(int i, int j, Comparison comparison, double probability) {}
