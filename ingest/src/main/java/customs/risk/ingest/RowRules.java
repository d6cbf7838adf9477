package customs.risk.ingest;

import java.time.LocalDate;
import java.util.Map;

/** Rules that look at two fields of one row together. */
final class RowRules {

    private RowRules() {}

    /** The reason the row is inconsistent, or null when it is fine. */
    static String crossFieldProblem(BundleFile file, Map<String, Object> values) {
        return switch (file) {
            case COMPANIES -> ordered(values, "registered_on", "dissolved_on");
            case OFFICERS -> ordered(values, "since", "until");
            default -> null;
        };
    }

    static String crossFieldColumn(BundleFile file) {
        return switch (file) {
            case COMPANIES -> "dissolved_on";
            case OFFICERS -> "until";
            default -> "";
        };
    }

    private static String ordered(Map<String, Object> values, String first, String second) {
        var start = (LocalDate) values.get(first);
        var end = (LocalDate) values.get(second);
        if (start != null && end != null && end.isBefore(start)) {
            return second + " " + end + " is before " + first + " " + start;
        }
        return null;
    }
}
