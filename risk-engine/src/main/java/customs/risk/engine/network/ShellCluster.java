package customs.risk.engine.network;

import java.util.List;

/**
 * Companies tied by shared identifiers that look like shells rather than a real business.
 *
 * @param companies members, sorted
 * @param score 0 (looks like an ordinary group) to 1 (every shell sign present)
 * @param sharedIdentifiers the identifiers that tie them (e.g. "officer P01000003 on 9 boards")
 * @param youngShare share of members less than two years old at their first declaration
 * @param medianEmployees median headcount of members with a known headcount (NaN if none)
 * @param dissolved members dissolved
 * @param phoenixes members registered soon after another member sharing their officer or address
 *     was dissolved, described as "OLD -> NEW (n days)"
 * @param volumePerEmployeeUsd value traded per employee by the cluster, USD
 */
public record ShellCluster(
        List<String> companies,
        double score,
        List<String> sharedIdentifiers,
        double youngShare,
        double medianEmployees,
        int dissolved,
        List<String> phoenixes,
        double volumePerEmployeeUsd) {

    /** The reason in words a risk officer reads. */
    public String describe() {
        var text = new StringBuilder(String.format(
                "in a cluster of %d companies sharing %s",
                companies.size(),
                String.join(", ", sharedIdentifiers.subList(0, Math.min(3, sharedIdentifiers.size())))));
        text.append(String.format("; %.0f%% younger than 2 years at first declaration", 100 * youngShare));
        if (!Double.isNaN(medianEmployees)) {
            text.append(String.format("; median headcount %.0f", medianEmployees));
        }
        if (dissolved > 0) {
            text.append("; ").append(dissolved).append(" dissolved");
        }
        if (!phoenixes.isEmpty()) {
            text.append("; phoenix successor ").append(phoenixes.getFirst());
        }
        text.append(String.format("; USD %,.0f traded per employee", volumePerEmployeeUsd));
        return text.toString();
    }
}
