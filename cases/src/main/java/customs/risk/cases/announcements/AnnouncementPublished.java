package customs.risk.cases.announcements;

/**
 * Published after an announcement is stored, for the features that tell people about it (e-mail, the
 * UI) without this one knowing them.
 */
public record AnnouncementPublished(Announcement announcement) {}
