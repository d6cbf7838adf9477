package customs.risk.cases.announcements;

import java.time.Instant;

/**
 * A formal notice as its reader sees it.
 *
 * @param audience {@code ALL} or the name of the one role it is addressed to
 * @param acknowledged whether the reader has acknowledged it
 * @param acknowledgedAt when, null if not yet
 */
public record Announcement(
        String id,
        String title,
        String text,
        String audience,
        String author,
        Instant createdAt,
        boolean acknowledged,
        Instant acknowledgedAt) {}
