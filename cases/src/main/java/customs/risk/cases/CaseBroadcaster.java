package customs.risk.cases;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Live delivery of case messages to the open views of this server: a view subscribes to its case
 * when attached and unsubscribes when detached; a message is published only after it is stored.
 * A view that missed messages (a dropped connection) reloads them from the store by sequence
 * number, so delivery here may be lost without losing anything.
 */
@Component
public class CaseBroadcaster {

    private static final Logger log = LoggerFactory.getLogger(CaseBroadcaster.class);

    /** Stops a listener; closing twice does nothing more. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<String, List<Consumer<CaseModel.Message>>> listeners = new ConcurrentHashMap<>();
    private final Map<String, List<Runnable>> changeListeners = new ConcurrentHashMap<>();

    /** Calls {@code listener} with each message stored in the case from now on; close to stop. */
    public Subscription subscribe(String caseId, Consumer<CaseModel.Message> listener) {
        return add(listeners, caseId, listener);
    }

    /**
     * Calls {@code listener} whenever the case itself or its timeline changes from now on (state,
     * team, links, notes, message edits); close to stop. The listener reads the case anew.
     */
    public Subscription subscribeChanges(String caseId, Runnable listener) {
        return add(changeListeners, caseId, listener);
    }

    void changed(String caseId) {
        tell(changeListeners, caseId, Runnable::run, "a change");
    }

    void publish(String caseId, CaseModel.Message message) {
        tell(listeners, caseId, listener -> listener.accept(message), "message " + message.id());
    }

    private static <L> Subscription add(Map<String, List<L>> byCase, String caseId, L listener) {
        byCase.computeIfAbsent(caseId, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> byCase.computeIfPresent(caseId, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    /** Calls each listener of the case; one that fails (a view gone meanwhile) does not stop the others. */
    private static <L> void tell(Map<String, List<L>> byCase, String caseId, Consumer<L> call, String what) {
        for (L listener : byCase.getOrDefault(caseId, List.of())) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.warn("a view of case {} could not take {}: {}", caseId, what, e.getMessage());
            }
        }
    }
}
