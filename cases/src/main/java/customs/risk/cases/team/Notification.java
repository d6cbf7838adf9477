package customs.risk.cases.team;

/** What a user may choose to be told by e-mail; a user who never chose gets all of them. */
public enum Notification {
    /** Someone wrote {@code @username} in a case conversation. */
    MENTION,
    /** The user was made owner or member of a case. */
    ASSIGNMENT,
    /** A formal notice to everyone or to the user's role. */
    ANNOUNCEMENT,
    /** A trader answered a request for information the user asked, or let its deadline pass. */
    REQUEST
}
