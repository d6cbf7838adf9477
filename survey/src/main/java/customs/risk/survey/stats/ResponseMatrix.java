package customs.risk.survey.stats;

import java.util.HashSet;
import java.util.List;

/**
 * Answers as a respondents x items table: one row per respondent, one column per item (statement), in
 * the order of {@link #items()}. Complete: every respondent rated every item.
 */
public final class ResponseMatrix {

    private final List<String> items;
    private final double[][] rows;

    /**
     * @throws SurveyDataException for duplicate or blank item names, a row of the wrong length, or a value
     *     that is not a finite number
     */
    public ResponseMatrix(List<String> items, double[][] rows) {
        this.items = List.copyOf(items);
        var seen = new HashSet<String>();
        for (String item : this.items) {
            if (item.isBlank()) {
                throw new SurveyDataException("an item has no name");
            }
            if (!seen.add(item)) {
                throw new SurveyDataException("item \"" + item + "\" appears twice");
            }
        }
        this.rows = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != this.items.size()) {
                throw new SurveyDataException(
                        "respondent " + (i + 1) + " has " + rows[i].length + " answers, expected " + this.items.size());
            }
            for (int j = 0; j < rows[i].length; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    throw new SurveyDataException(
                            "respondent " + (i + 1) + ", item \"" + this.items.get(j) + "\": not a finite number");
                }
            }
            this.rows[i] = rows[i].clone();
        }
    }

    public List<String> items() {
        return items;
    }

    /** Number of respondents. */
    public int n() {
        return rows.length;
    }

    /** Number of items. */
    public int k() {
        return items.size();
    }

    /** A copy of the answers, respondents in rows. */
    public double[][] rows() {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }

    /** The answers to the named items only, in the given order. */
    public ResponseMatrix select(List<String> names) {
        int[] index = names.stream()
                .mapToInt(name -> {
                    int j = items.indexOf(name);
                    if (j < 0) {
                        throw new SurveyDataException("no item \"" + name + "\"");
                    }
                    return j;
                })
                .toArray();
        double[][] selected = new double[rows.length][index.length];
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < index.length; c++) {
                selected[i][c] = rows[i][index[c]];
            }
        }
        return new ResponseMatrix(names, selected);
    }

    double value(int respondent, int item) {
        return rows[respondent][item];
    }
}
