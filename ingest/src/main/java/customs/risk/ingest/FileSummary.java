package customs.risk.ingest;

/** What became of one file's rows: loaded into the graph or rejected into the report. */
public record FileSummary(long loaded, long rejected) {}
