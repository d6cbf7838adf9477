package customs.risk.cases.alerts;

import java.time.Instant;
import java.util.List;

/**
 * What a sweep found of one kind about one party (or one saved filter or search) for one watcher,
 * kept in the graph before it is shown or mailed: one change, or several found at once.
 *
 * @param id unique, {@code A-...}
 * @param watchId the watch that raised it
 * @param kind what changed
 * @param title one line: what changed, about whom ("3 new declarations: ACME TRADING (C-1)")
 * @param items each change with its evidence (at most {@link AlertService#ITEMS_KEPT} kept)
 * @param count how many changes it stands for
 * @param at when it was found
 * @param acknowledged whether the watcher has acknowledged it
 * @param group alerts of one kind about one party (or one saved filter or search) share it
 */
public record Alert(
        String id,
        String watchId,
        Kind kind,
        String title,
        List<Item> items,
        int count,
        Instant at,
        boolean acknowledged,
        String group) {

    /**
     * One change.
     *
     * @param title what changed
     * @param detail the evidence in words
     * @param link where the evidence is, a path of the web application ({@code /entity/Declaration/ID})
     */
    public record Item(String title, String detail, String link) {}

    /** What changed. */
    public enum Kind {
        /** A new declaration of a watched company, or of a company a watched person runs. */
        DECLARATION("new declarations"),
        /** A watched company's score or lane reached the watcher's threshold. */
        THRESHOLD("threshold reached"),
        /** A new document filed for, or naming, a watched party. */
        DOCUMENT("new documents"),
        /** A new officer, a new company a person runs, or a shared address, phone or e-mail with a red company. */
        CONTROL("new control links"),
        /** Entity resolution joined another company record to the watched firm. */
        MERGE("records merged"),
        /** A new declaration a saved filter keeps. */
        FILTER_HIT("new filter hits"),
        /** A new document a saved search finds. */
        SEARCH_HIT("new search hits");

        private final String plural;

        Kind(String plural) {
            this.plural = plural;
        }

        /** How a group of such alerts is headed, e.g. "new declarations". */
        public String plural() {
            return plural;
        }
    }

    /**
     * The alerts of one kind about one party, or of one saved filter or search, newest first.
     *
     * @param group the key the alerts share
     * @param watchId the watch that raised the newest
     * @param about the party, filter or search, as the watch names it
     * @param kind what changed
     * @param count changes in the group
     * @param unread changes not acknowledged
     * @param latest when the newest was found
     * @param alerts the newest of them (at most {@link AlertService#GROUP_SHOWN})
     */
    public record Group(
            String group,
            String watchId,
            String about,
            Kind kind,
            int count,
            int unread,
            Instant latest,
            List<Alert> alerts) {

        /** e.g. "3 new declarations: ACME TRADING (C-1)". */
        public String headline() {
            return count == 1 || alerts.size() == 1 && alerts.getFirst().count() == count
                    ? alerts.getFirst().title()
                    : count + " " + kind.plural() + ": " + about;
        }
    }
}
