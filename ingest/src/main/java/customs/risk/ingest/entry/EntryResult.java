package customs.risk.ingest.entry;

import java.util.List;
import java.util.Map;

/**
 * What became of one row typed into a form, in the terms a form shows: a message per column,
 * beside its field.
 *
 * @param saved true when the row is now in the graph
 * @param fieldErrors why the row was refused, by column, in the contract's order
 * @param rowErrors reasons that belong to no single column (e.g. the bundle could not be read)
 * @param notices by column, what the loader noted without refusing the row (a placeholder was
 *     created for an unknown company or office, no exchange rate for the currency)
 */
public record EntryResult(
        boolean saved, Map<String, String> fieldErrors, List<String> rowErrors, Map<String, String> notices) {

    public EntryResult {
        fieldErrors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fieldErrors));
        rowErrors = List.copyOf(rowErrors);
        notices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(notices));
    }

    static EntryResult refused(Map<String, String> fieldErrors) {
        return new EntryResult(false, fieldErrors, List.of(), Map.of());
    }
}
