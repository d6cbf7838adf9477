package customs.risk.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The outcome of a load.
 *
 * @param files per file name, in load order
 * @param placeholders distinct unknown references that point to placeholder nodes
 * @param warnings warnings written to the report (unknown columns, missing exchange rates)
 * @param report the CSV report of rejected rows, placeholders and warnings
 * @param took wall-clock time of the load
 */
public record IngestResult(
        Map<String, FileSummary> files, long placeholders, long warnings, Path report, Duration took) {

    public long loaded() {
        return files.values().stream().mapToLong(FileSummary::loaded).sum();
    }

    public long rejected() {
        return files.values().stream().mapToLong(FileSummary::rejected).sum();
    }

    /** The same result, having taken {@code more} time (e.g. building indexes after an offline import). */
    public IngestResult plus(Duration more) {
        return new IngestResult(files, placeholders, warnings, report, took.plus(more));
    }

    public long declarationsLoaded() {
        var declarations = files.get("declarations.csv");
        return declarations == null ? 0 : declarations.loaded();
    }
}
