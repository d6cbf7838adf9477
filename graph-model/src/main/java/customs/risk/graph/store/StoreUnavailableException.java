package customs.risk.graph.store;

/** The graph store cannot be reached or started; the message says why in words a user can act on. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
