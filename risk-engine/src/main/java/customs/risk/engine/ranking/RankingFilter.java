package customs.risk.engine.ranking;

import java.time.LocalDate;

/**
 * Which scored items a ranking shows; null fields do not filter. For companies only the lane and
 * the country apply.
 *
 * @param lane only this lane
 * @param hsPrefix declarations whose HS code starts with this (e.g. "8471")
 * @param office declarations lodged at this office
 * @param country declarations from this origin country; companies registered in it
 * @param from declarations filed on or after this date
 * @param to declarations filed on or before this date
 * @param minScore items scoring at least this
 */
public record RankingFilter(
        Lane lane, String hsPrefix, String office, String country, LocalDate from, LocalDate to, Double minScore) {

    public static final RankingFilter NONE = new RankingFilter(null, null, null, null, null, null);

    public RankingFilter(Lane lane, String hsPrefix, String office, String country, LocalDate from, LocalDate to) {
        this(lane, hsPrefix, office, country, from, to, null);
    }

    public static RankingFilter lane(Lane lane) {
        return new RankingFilter(lane, null, null, null, null, null);
    }
}
