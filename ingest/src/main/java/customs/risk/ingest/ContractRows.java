package customs.risk.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract's column rules for one row typed into a form, so that a form shows every broken
 * rule beside its field at once. The loader itself stops at a row's first broken rule (one reason
 * per rejected row in the report); this checks each column on its own with the very same rules,
 * so a form and a bundle never disagree. Saving still goes through {@link BundleIngester}, which
 * adds the rules that need the store or the whole file (duplicates, unknown declarations).
 */
public final class ContractRows {

    /**
     * One column of a bundle file as a form needs it.
     *
     * @param name column name in the header
     * @param required whether a value is required
     * @param allowed the words an enumerated column accepts, sorted; empty for free values
     */
    public record ColumnRule(String name, boolean required, List<String> allowed) {

        public ColumnRule {
            allowed = List.copyOf(allowed);
        }
    }

    private ContractRows() {}

    /**
     * The columns of a bundle file, in the contract's order.
     *
     * @param fileName e.g. {@code declarations.csv}
     * @throws IllegalArgumentException for a file the contract does not define
     */
    public static List<ColumnRule> columns(String fileName) {
        return file(fileName).columns().stream()
                .map(c -> new ColumnRule(
                        c.name(), c.required(), c.allowed().stream().sorted().toList()))
                .toList();
    }

    /**
     * Every broken rule of one row, by column, in the contract's order; empty when the row passes
     * the checks a single row can pass on its own. Values are stripped like the loader does;
     * missing or null values count as empty.
     *
     * @throws IllegalArgumentException for a file the contract does not define
     */
    public static Map<String, String> problems(String fileName, Map<String, String> row) {
        BundleFile file = file(fileName);
        var problems = new LinkedHashMap<String, String>();
        var typed = new LinkedHashMap<String, Object>();
        for (Column column : file.columns()) {
            String raw =
                    row.get(column.name()) == null ? "" : row.get(column.name()).strip();
            if (raw.isEmpty()) {
                if (column.required()) {
                    problems.put(column.name(), "missing required value");
                }
                typed.put(column.name(), null);
                continue;
            }
            try {
                typed.put(column.name(), column.parse(raw));
            } catch (IllegalArgumentException e) {
                problems.put(column.name(), e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            String reason = RowRules.crossFieldProblem(file, typed);
            if (reason != null) {
                problems.put(RowRules.crossFieldColumn(file), reason);
            }
        }
        return problems;
    }

    /**
     * Checks a header row as a bulk load checks it: every required column present, none twice.
     *
     * @throws BundleException naming the file and the fault
     * @throws IllegalArgumentException for a file the contract does not define
     */
    public static void checkHeader(String fileName, List<String> header) throws BundleException {
        CsvTable.checkHeader(file(fileName), header);
    }

    private static BundleFile file(String fileName) {
        var names = new ArrayList<String>();
        for (BundleFile file : BundleFile.values()) {
            if (file.fileName().equals(fileName)) {
                return file;
            }
            names.add(file.fileName());
        }
        throw new IllegalArgumentException(
                "not a file of the bundle contract: " + fileName + " (one of " + String.join(", ", names) + ")");
    }

    /** The file names of the contract, in load order. */
    public static List<String> fileNames() {
        return Arrays.stream(BundleFile.values()).map(BundleFile::fileName).toList();
    }
}
