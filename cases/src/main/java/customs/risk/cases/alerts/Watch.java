package customs.risk.cases.alerts;

import customs.risk.engine.ranking.Lane;
import customs.risk.engine.ranking.RankingFilter;
import java.time.Instant;
import java.util.List;

/**
 * Something a user follows, and how they want to hear of it.
 *
 * @param id unique, {@code W-...}
 * @param owner the watcher's username
 * @param kind what is watched
 * @param label what the watcher calls it, shown with every alert it raises
 * @param entity {@code Company:ID} or {@code Person:ID}, for {@link Kind#ENTITY}
 * @param caseId the open case whose team follows the entity; null for a watch the user set
 * @param filter the saved declaration filter, for {@link Kind#FILTER}
 * @param search the saved document search, for {@link Kind#SEARCH}
 * @param laneAtLeast a company's lane reaching this raises an alert (null: none)
 * @param scoreAtLeast a company's score reaching this raises an alert (null: none)
 * @param muted true: raises nothing until unmuted
 * @param mail how its alerts are mailed
 * @param createdAt nothing older than this raises an alert
 */
public record Watch(
        String id,
        String owner,
        Kind kind,
        String label,
        String entity,
        String caseId,
        RankingFilter filter,
        SavedSearch search,
        Lane laneAtLeast,
        Double scoreAtLeast,
        boolean muted,
        Mail mail,
        Instant createdAt) {

    /** What a watch follows. */
    public enum Kind {
        /** A company (its whole party) or a person. */
        ENTITY,
        /** New declarations that a saved ranking filter keeps. */
        FILTER,
        /** New documents that a saved document search finds. */
        SEARCH
    }

    /** How a watch's alerts go out by e-mail. */
    public enum Mail {
        /** As the user's account says (the default of a new watch). */
        ACCOUNT,
        /** Never; the notification centre only. */
        OFF,
        /** One mail per kind of change and party, as soon as it is found (within the hourly limit). */
        IMMEDIATE,
        /** Gathered into one mail a day. */
        DIGEST
    }

    /**
     * A saved document search: the words and filters of the document search page.
     *
     * @param text words, "phrases", AND/OR/NOT
     * @param docTypes keep these document types (empty: any)
     * @param hsPrefix keep documents of these HS codes (null: any)
     */
    public record SavedSearch(String text, List<String> docTypes, String hsPrefix) {

        public SavedSearch {
            text = text == null ? "" : text.strip();
            docTypes = docTypes == null ? List.of() : List.copyOf(docTypes);
            hsPrefix = hsPrefix == null || hsPrefix.isBlank() ? null : hsPrefix.strip();
        }
    }

    /**
     * What a user asks to watch. Thresholds apply to companies only; without either, a company's
     * watch alerts when its lane turns red.
     */
    public record Request(
            Kind kind,
            String entity,
            RankingFilter filter,
            SavedSearch search,
            String label,
            Lane laneAtLeast,
            Double scoreAtLeast,
            Mail mail) {

        public static Request entity(String entity) {
            return new Request(Kind.ENTITY, entity, null, null, null, null, null, Mail.ACCOUNT);
        }

        public static Request filter(String label, RankingFilter filter) {
            return new Request(Kind.FILTER, null, filter, null, label, null, null, Mail.ACCOUNT);
        }

        public static Request search(String label, SavedSearch search) {
            return new Request(Kind.SEARCH, null, null, search, label, null, null, Mail.ACCOUNT);
        }

        public Request withThresholds(Lane lane, Double score) {
            return new Request(kind, entity, filter, search, label, lane, score, mail);
        }
    }
}
