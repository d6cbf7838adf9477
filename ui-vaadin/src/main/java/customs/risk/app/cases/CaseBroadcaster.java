package customs.risk.app.cases;

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

    private final Map<String, List<Consumer<CaseModel.Message>>> listeners = new ConcurrentHashMap<>();
    private final Map<String, List<Runnable>> changeListeners = new ConcurrentHashMap<>();

    /** Calls {@code listener} with each message stored in the case from now on; close to stop. */
    public AutoCloseable subscribe(String caseId, Consumer<CaseModel.Message> listener) {
        listeners.computeIfAbsent(caseId, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.computeIfPresent(caseId, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    /**
     * Calls {@code listener} whenever the case itself or its timeline changes from now on (state,
     * team, links, notes, message edits); close to stop. The listener reads the case anew.
     */
    public AutoCloseable subscribeChanges(String caseId, Runnable listener) {
        changeListeners.computeIfAbsent(caseId, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> changeListeners.computeIfPresent(caseId, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    void changed(String caseId) {
        for (var listener : changeListeners.getOrDefault(caseId, List.of())) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("a view of case {} could not take a change: {}", caseId, e.getMessage());
            }
        }
    }

    void publish(String caseId, CaseModel.Message message) {
        for (var listener : listeners.getOrDefault(caseId, List.of())) {
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                log.warn("a view of case {} could not take message {}: {}", caseId, message.id(), e.getMessage());
            }
        }
    }
}
