package customs.risk.ingest.entry;

import customs.risk.ingest.BundleException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Loads a batch through a {@link RowBundle}, leaving out the rows refused before the load (by rules
 * about who sends them), and reports both in the sender's lines.
 *
 * @param report counts and lines, without photos
 * @param saved the rows now in the graph
 */
record BatchLoad(BatchReport report, List<RowBatch.Row> saved) {

    static BatchLoad load(RowBundle bundle, String fileName, RowBatch batch, Map<Integer, BatchReport.Line> refused)
            throws BundleException {
        var lines = new ArrayList<BatchReport.Line>(refused.values());
        var sent = new ArrayList<RowBatch.Row>();
        for (int i = 0; i < batch.size(); i++) {
            if (!refused.containsKey(i)) {
                sent.add(batch.rows().get(i));
            }
        }
        var saved = new ArrayList<RowBatch.Row>();
        if (!sent.isEmpty()) {
            var loaded = bundle.loadAll(
                    fileName, sent.stream().map(RowBatch.Row::values).toList());
            var rejected = new HashSet<Integer>();
            for (var line : loaded.report()) {
                if (!line.file().equals(fileName)) {
                    continue;
                }
                long senderLine = line.row() < 0 ? 0 : sent.get(line.row()).line();
                lines.add(
                        new BatchReport.Line(senderLine, line.column(), line.value(), line.reason(), line.severity()));
                if (line.severity().equals("REJECTED") && line.row() >= 0) {
                    rejected.add(line.row());
                }
            }
            for (int i = 0; i < sent.size(); i++) {
                if (!rejected.contains(i)) {
                    saved.add(sent.get(i));
                }
            }
        }
        lines.sort(Comparator.comparingLong(BatchReport.Line::line));
        var report = new BatchReport(batch.size(), saved.size(), batch.size() - saved.size(), lines, List.of());
        return new BatchLoad(report, List.copyOf(saved));
    }
}
