package customs.risk.cases.announcements;

import java.time.Instant;
import java.util.List;

/**
 * Who of an announcement's audience has acknowledged it and who has not yet.
 *
 * @param acknowledged in the order they acknowledged
 * @param pending enabled users of the audience who have not acknowledged, by username
 */
public record Acknowledgements(String announcementId, String audience, List<Ack> acknowledged, List<String> pending) {

    public Acknowledgements {
        acknowledged = List.copyOf(acknowledged);
        pending = List.copyOf(pending);
    }

    public record Ack(String username, Instant at) {}
}
