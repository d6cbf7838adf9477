package customs.risk.app.cli;

import customs.risk.ingest.IngestListener;
import customs.risk.ingest.IngestProgress;
import java.io.PrintStream;

/**
 * A progress bar on standard error: redrawn in place on a terminal, a line per 10% otherwise (logs,
 * CI), so standard output stays clean for results.
 */
final class ConsoleProgress implements IngestListener {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long lastDraw;
    private int lastDecile = -1;

    ConsoleProgress(PrintStream out) {
        this.out = out;
        this.terminal = System.console() != null;
    }

    @Override
    public void onProgress(IngestProgress p) {
        double fraction = p.fraction();
        if (terminal) {
            long now = System.nanoTime();
            if (now - lastDraw < 200_000_000L && fraction < 1.0) {
                return;
            }
            lastDraw = now;
            int filled = (int) Math.round(fraction * WIDTH);
            out.printf(
                    "\r[%s%s] %3.0f%% %-18s %,d rows  %s",
                    "#".repeat(filled), " ".repeat(WIDTH - filled), fraction * 100, p.file(), p.rowsRead(), rate(p));
            out.flush();
        } else {
            int decile = (int) (fraction * 10);
            if (decile > lastDecile) {
                lastDecile = decile;
                out.printf("%3d%% %s %,d rows %s%n", decile * 10, p.file(), p.rowsRead(), rate(p));
            }
        }
    }

    void finish() {
        if (terminal) {
            out.println();
        }
    }

    private String rate(IngestProgress p) {
        double seconds = (System.nanoTime() - started) / 1e9;
        return seconds < 0.5 ? "" : String.format("(%,.0f rows/s)", p.rowsRead() / seconds);
    }
}
