package customs.risk.ingest;

import java.util.List;

/** Where validated rows go: the live graph over Bolt, or files for Neo4j's offline importer. */
interface RowSink {

    /** Writes one batch of one file; returns the rows rejected at this stage (e.g. unknown declarations). */
    long write(BundleFile file, List<PreparedRow> rows);

    /** Waits for writes of the file that go on after {@link #write} returned; called after its last batch. */
    default void finish() {}

    /** The exchange rates in force, asked once exchange_rates.csv has been written. */
    ExchangeRates rates();
}
