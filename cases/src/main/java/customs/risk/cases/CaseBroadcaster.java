package customs.risk.cases;

import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Live delivery of case messages to the open views of this server: a view subscribes to its case
 * when attached and unsubscribes when detached; a message is published only after it is stored.
 * A view that missed messages (a dropped connection) reloads them from the store by sequence
 * number, so delivery here may be lost without losing anything.
 */
@Component
public class CaseBroadcaster {

    /** Stops a listener; closing twice does nothing more. */
    public interface Subscription extends LiveListeners.Subscription {}

    private final LiveListeners<String, CaseModel.Message> messages = new LiveListeners<>();
    private final LiveListeners<String, String> changes = new LiveListeners<>();

    /** Calls {@code listener} with each message stored in the case from now on; close to stop. */
    public Subscription subscribe(String caseId, Consumer<CaseModel.Message> listener) {
        return messages.subscribe(caseId, listener)::close;
    }

    /**
     * Calls {@code listener} whenever the case itself or its timeline changes from now on (state,
     * team, links, notes, message edits); close to stop. The listener reads the case anew.
     */
    public Subscription subscribeChanges(String caseId, Runnable listener) {
        return changes.subscribe(caseId, change -> listener.run())::close;
    }

    void changed(String caseId) {
        changes.tell(caseId, "a change");
    }

    void publish(String caseId, CaseModel.Message message) {
        messages.tell(caseId, message);
    }
}
