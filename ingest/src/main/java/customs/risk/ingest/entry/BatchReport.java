package customs.risk.ingest.entry;

import java.util.List;

/**
 * What became of a batch of rows: how many came, were saved and refused, and the report lines of
 * the rows, as a bulk load's report has them. It says nothing of risk: a trader reads it.
 *
 * @param received rows in the batch
 * @param saved rows now in the graph
 * @param refused rows not saved, each with at least one {@code REJECTED} line
 * @param lines report lines, in the order of the rows
 * @param photos photos filed with the documents (inspections only)
 */
public record BatchReport(long received, long saved, long refused, List<Line> lines, List<FiledPhoto> photos) {

    /**
     * One line of the report.
     *
     * @param line the row's line as its sender counts it, 0 when about no row
     * @param column the column at fault, empty for the whole row
     * @param severity {@code REJECTED}, {@code PLACEHOLDER} or {@code WARNING}, as in a bulk load
     */
    public record Line(long line, String column, String value, String reason, String severity) {}

    /** A photo filed as a document of the inspected declaration. */
    public record FiledPhoto(String declarationId, String fileName, String documentId) {}

    public BatchReport {
        lines = List.copyOf(lines);
        photos = List.copyOf(photos);
    }
}
