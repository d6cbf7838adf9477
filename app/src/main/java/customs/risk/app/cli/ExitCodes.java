package customs.risk.app.cli;

/** Exit codes of {@code ./risk}, as the README lists them. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The store is unreachable or something unexpected failed. */
    public static final int FAILURE = 1;
    /** Wrong usage, or a bundle that cannot be loaded at all (nothing was loaded). */
    public static final int USAGE = 2;
    /** The bundle loaded, but some rows were rejected (see the report). */
    public static final int PARTIAL = 3;

    private ExitCodes() {}
}
