package customs.risk.engine.ranking;

/** The inspection lane a score puts an item in: red (inspect), yellow (check documents), green (release). */
public enum Lane {
    RED,
    YELLOW,
    GREEN
}
