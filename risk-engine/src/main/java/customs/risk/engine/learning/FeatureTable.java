package customs.risk.engine.learning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/**
 * Rows a {@link LearnedScore} learns from or scores, as named columns read on demand: categorical
 * columns (an importer, an HS code, a pair of them, a column a bundle carries), numeric columns
 * grouped by the signal they belong to (all price columns under "price"), and the rule-based prior
 * of each row. Columns are functions of the row index, so a million rows cost no copies and a pair
 * column builds its text only while it is read.
 */
public final class FeatureTable {

    /** A numeric column and the signal it belongs to, for explanations. */
    public record Numeric(String group, IntToDoubleFunction values) {}

    private final int rows;
    private final Map<String, IntFunction<String>> categorical;
    private final Map<String, Numeric> numeric;
    private final IntToDoubleFunction prior;

    private FeatureTable(
            int rows,
            Map<String, IntFunction<String>> categorical,
            Map<String, Numeric> numeric,
            IntToDoubleFunction prior) {
        this.rows = rows;
        this.categorical = Collections.unmodifiableMap(categorical);
        this.numeric = Collections.unmodifiableMap(numeric);
        this.prior = prior;
    }

    public static Builder builder(int rows) {
        return new Builder(rows);
    }

    public int rows() {
        return rows;
    }

    /** Categorical columns by name, in the order they were added; a value may be null (missing). */
    public Map<String, IntFunction<String>> categorical() {
        return categorical;
    }

    /** Numeric columns by name, in the order they were added; a value may be NaN (missing). */
    public Map<String, Numeric> numeric() {
        return numeric;
    }

    /** The rule-based prior of a row, 0 to 1. */
    public double prior(int row) {
        return prior.applyAsDouble(row);
    }

    /** The rows at {@code selection}, in that order. */
    public FeatureTable rows(int[] selection) {
        var c = new LinkedHashMap<String, IntFunction<String>>();
        categorical.forEach((name, f) -> c.put(name, i -> f.apply(selection[i])));
        var n = new LinkedHashMap<String, Numeric>();
        numeric.forEach((name, col) ->
                n.put(name, new Numeric(col.group(), i -> col.values().applyAsDouble(selection[i]))));
        return new FeatureTable(selection.length, c, n, i -> prior.applyAsDouble(selection[i]));
    }

    /** Adds columns in order; names are unique across both kinds. */
    public static final class Builder {
        private final int rows;
        private final Map<String, IntFunction<String>> categorical = new LinkedHashMap<>();
        private final Map<String, Numeric> numeric = new LinkedHashMap<>();
        private IntToDoubleFunction prior = i -> 0;

        private Builder(int rows) {
            if (rows < 0) {
                throw new IllegalArgumentException("rows must not be negative: " + rows);
            }
            this.rows = rows;
        }

        public Builder categorical(String name, IntFunction<String> values) {
            unique(name);
            categorical.put(name, values);
            return this;
        }

        public Builder numeric(String name, String group, IntToDoubleFunction values) {
            unique(name);
            numeric.put(name, new Numeric(group, values));
            return this;
        }

        public Builder prior(IntToDoubleFunction values) {
            prior = values;
            return this;
        }

        public FeatureTable build() {
            return new FeatureTable(rows, new LinkedHashMap<>(categorical), new LinkedHashMap<>(numeric), prior);
        }

        private void unique(String name) {
            if (categorical.containsKey(name) || numeric.containsKey(name)) {
                throw new IllegalArgumentException("column added twice: " + name);
            }
        }
    }
}
