package customs.risk.ingest.entry;

import customs.risk.graph.DataDirectory;
import customs.risk.graph.access.Actor;
import customs.risk.ingest.BundleException;
import customs.risk.ingest.BundleIngester;
import customs.risk.ingest.ContractRows;
import customs.risk.ingest.FileSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Inspectors' results behind the form and the API: {@code inspections.csv} rows checked with the
 * contract's rules and saved through the bundle loader, with photos filed as documents of the
 * inspected declaration. A saved result is an {@code Inspection} node of its declaration, which the
 * next training ({@code ./risk train}) learns from.
 */
@Service
public class InspectionEntry {

    public static final String FILE = "inspections.csv";

    /**
     * The outcome of one result typed into the form.
     *
     * @param entry saved or not, with the messages by column
     * @param photos the photos filed; none when the result was not saved
     * @param photoErrors why photos were not filed, one line each
     */
    public record Outcome(EntryResult entry, List<BatchReport.FiledPhoto> photos, List<String> photoErrors) {}

    private final RowBundle bundle;
    private final Optional<PhotoIntake> photoIntake;

    InspectionEntry(BundleIngester ingester, DataDirectory dataDirectory, Optional<PhotoIntake> photoIntake) {
        this.bundle = new RowBundle(ingester, dataDirectory.uploads());
        this.photoIntake = photoIntake;
    }

    /** The columns of the form, as the contract defines them (required marks, enum words). */
    public List<ContractRows.ColumnRule> columns() {
        return ContractRows.columns(FILE);
    }

    /**
     * Checks and saves one inspection result; an inspection of a declaration the graph does not
     * hold is refused beside {@code declaration_id}. The same declaration and date again replaces
     * the earlier result.
     *
     * @param values raw values by column name
     */
    public EntryResult submit(Map<String, String> values) {
        var problems = ContractRows.problems(FILE, values);
        if (!problems.isEmpty()) {
            return EntryResult.refused(problems);
        }
        try {
            var loaded = bundle.load(FILE, values);
            var summary = loaded.result().files().getOrDefault(FILE, new FileSummary(0, 0));
            return loaded.toEntry(FILE, summary.loaded() == 1);
        } catch (BundleException e) {
            return new EntryResult(false, Map.of(), List.of(e.getMessage()), Map.of());
        }
    }

    /**
     * As {@link #submit(Map)}, with photos of the inspected goods: once the result is saved, each
     * is filed as a document of its declaration, through the same path as photos sent over the API.
     */
    public Outcome submit(Actor inspector, Map<String, String> values, List<PhotoIntake.Photo> photos) {
        var entry = submit(values);
        if (!entry.saved() || photos.isEmpty()) {
            return new Outcome(entry, List.of(), List.of());
        }
        var filed = new ArrayList<BatchReport.FiledPhoto>();
        var refused = new ArrayList<BatchReport.Line>();
        filePhotos(inspector, values.get("declaration_id").strip(), photos, 0, filed, refused);
        return new Outcome(
                entry,
                filed,
                refused.stream().map(l -> l.value() + ": " + l.reason()).toList());
    }

    /**
     * Checks and saves a batch of results as a bulk load does: rows that break a rule are reported
     * with line, column and reason while the others load; sending the batch again changes nothing.
     * Then each photo is filed with the documents of its declaration, when that declaration's result
     * in this batch was saved; a photo is refused in the report otherwise.
     *
     * @param photos by declaration id
     * @throws BundleException when the rows cannot be loaded at all
     */
    public BatchReport submitAll(Actor inspector, RowBatch batch, Map<String, List<PhotoIntake.Photo>> photos)
            throws BundleException {
        var load = BatchLoad.load(bundle, FILE, batch, Map.of());
        if (photos.isEmpty()) {
            return load.report();
        }
        var saved = new HashSet<String>();
        load.saved().forEach(r -> saved.add(r.value("declaration_id")));
        var lineOf = new HashMap<String, Long>();
        batch.rows().forEach(r -> lineOf.putIfAbsent(r.value("declaration_id"), r.line()));
        var lines = new ArrayList<>(load.report().lines());
        var filed = new ArrayList<BatchReport.FiledPhoto>();
        photos.forEach((declaration, ofDeclaration) -> {
            long line = lineOf.getOrDefault(declaration, 0L);
            if (saved.contains(declaration)) {
                filePhotos(inspector, declaration, ofDeclaration, line, filed, lines);
            } else {
                ofDeclaration.forEach(photo -> lines.add(new BatchReport.Line(
                        line,
                        "photo",
                        photo.fileName(),
                        "not filed: no result of declaration " + declaration + " was saved in this batch",
                        "REJECTED")));
            }
        });
        var report = load.report();
        return new BatchReport(report.received(), report.saved(), report.refused(), lines, filed);
    }

    private void filePhotos(
            Actor inspector,
            String declaration,
            List<PhotoIntake.Photo> photos,
            long line,
            List<BatchReport.FiledPhoto> filed,
            List<BatchReport.Line> refused) {
        for (var photo : photos) {
            try {
                filed.add(new BatchReport.FiledPhoto(
                        declaration, photo.fileName(), intake().file(inspector, declaration, photo)));
            } catch (IOException | IllegalArgumentException e) {
                refused.add(new BatchReport.Line(
                        line, "photo", photo.fileName(), "not filed: " + e.getMessage(), "REJECTED"));
            }
        }
    }

    private PhotoIntake intake() {
        return photoIntake.orElseThrow(
                () -> new IllegalStateException("photos cannot be filed: this application has no document intake"));
    }
}
