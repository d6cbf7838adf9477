package customs.risk.cases;

import java.util.List;

/**
 * What {@link CaseService} tells the rest of the application after a change has committed, for
 * notifications (e-mail) that must neither delay nor fail the change itself.
 */
public sealed interface CaseNotice {

    String caseId();

    /**
     * Users named in a new message, its author left out.
     *
     * @param mentioned usernames of existing users mentioned
     */
    record Mentioned(String caseId, String messageId, String author, String text, List<String> mentioned)
            implements CaseNotice {

        public Mentioned {
            mentioned = List.copyOf(mentioned);
        }
    }

    /**
     * A user made owner or newly added as member of a case by someone.
     *
     * @param owner true: made owner; false: added as member
     * @param by the username of who did it
     */
    record Assigned(String caseId, String title, String username, boolean owner, String by) implements CaseNotice {}
}
