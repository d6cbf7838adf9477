package customs.risk.app;

import customs.risk.app.security.FirstAdminMissingException;
import customs.risk.graph.store.StoreUnavailableException;
import customs.risk.ingest.BundleException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Start-up failures that are a user's mistake or an engine that is down, not a bug: marking them
 * analysed keeps Spring from printing their stack trace; the command line then says what went
 * wrong in one line.
 */
public final class StartupMistakes implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (isMistake(t)) {
                return new FailureAnalysis(t.getMessage(), "", t);
            }
        }
        return null;
    }

    /** A failure the user can act on from its message alone. */
    public static boolean isMistake(Throwable t) {
        return t instanceof FirstAdminMissingException
                || t instanceof StoreUnavailableException
                || t instanceof BundleException;
    }
}
