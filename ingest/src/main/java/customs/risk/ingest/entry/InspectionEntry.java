package customs.risk.ingest.entry;

import customs.risk.graph.DataDirectory;
import customs.risk.ingest.BundleException;
import customs.risk.ingest.BundleIngester;
import customs.risk.ingest.ContractRows;
import customs.risk.ingest.FileSummary;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The inspector's result form behind the view: one {@code inspections.csv} row, checked with the
 * contract's rules and saved through the bundle loader. A saved result is an {@code Inspection}
 * node of its declaration, which the next training ({@code ./risk train}) learns from.
 */
@Service
public class InspectionEntry {

    public static final String FILE = "inspections.csv";

    private final SingleRowBundle bundle;

    InspectionEntry(BundleIngester ingester, DataDirectory dataDirectory) {
        this.bundle = new SingleRowBundle(ingester, dataDirectory.uploads());
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
}
