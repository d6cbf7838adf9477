package customs.risk.engine.resolution;

/** Where a pair of records stands. */
public enum MatchStatus {
    /** Merged by the model: its probability reached the auto-merge cut. */
    AUTO,
    /** In the review band, or refused by clustering: waits for a person. */
    PENDING,
    /** A person said: one firm. */
    ACCEPTED,
    /** A person said: different firms. */
    REJECTED,
    /** A person could not tell; kept apart and not asked again. */
    UNSURE;

    /** Whether a person decided it. */
    public boolean decided() {
        return this == ACCEPTED || this == REJECTED || this == UNSURE;
    }

    /** Whether the two records are one party (if clustering allows). */
    public boolean links() {
        return this == AUTO || this == ACCEPTED;
    }
}
