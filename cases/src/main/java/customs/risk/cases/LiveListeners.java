package customs.risk.cases;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open views of this server that listen to something (a case, a request, a company's requests),
 * by its key. A view subscribes when attached and closes its subscription when detached; what it is
 * told is a hint to read the store anew, so a lost delivery loses nothing.
 *
 * @param <K> what is listened to
 * @param <V> what a listener is told
 */
public final class LiveListeners<K, V> {

    private static final Logger log = LoggerFactory.getLogger(LiveListeners.class);

    /** Stops a listener; closing twice does nothing more. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<K, List<Consumer<V>>> listeners = new ConcurrentHashMap<>();

    /** Calls {@code listener} with each value told about {@code key} from now on; close to stop. */
    public Subscription subscribe(K key, Consumer<V> listener) {
        listeners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.computeIfPresent(key, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    /** True when a view listens to {@code key}: what it would be told need not be read otherwise. */
    public boolean listening(K key) {
        return listeners.containsKey(key);
    }

    /** Calls each listener of {@code key}; one that fails (a view gone meanwhile) does not stop the others. */
    public void tell(K key, V value) {
        for (var listener : listeners.getOrDefault(key, List.of())) {
            try {
                listener.accept(value);
            } catch (RuntimeException e) {
                log.warn("a view of {} could not take {}: {}", key, value, e.getMessage());
            }
        }
    }
}
