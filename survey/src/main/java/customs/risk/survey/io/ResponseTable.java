package customs.risk.survey.io;

import customs.risk.survey.stats.ResponseMatrix;
import java.util.List;

/**
 * The complete answers read from a file.
 *
 * @param respondents the {@code respondent} column of each kept row, or its row number when the file has none
 * @param droppedRows file row numbers (header = 1) of respondents left out because an answer was missing
 */
public record ResponseTable(ResponseMatrix answers, List<String> respondents, List<Integer> droppedRows) {

    public ResponseTable {
        respondents = List.copyOf(respondents);
        droppedRows = List.copyOf(droppedRows);
    }
}
