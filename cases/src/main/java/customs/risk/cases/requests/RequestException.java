package customs.risk.cases.requests;

import customs.risk.graph.access.RefusedException;

/**
 * A request operation refused. A request the caller may not see is {@link Reason#NOT_FOUND}, as
 * one that does not exist, so that its id tells another trader nothing.
 */
public final class RequestException extends RefusedException {

    RequestException(Reason reason, String message) {
        super(reason, message);
    }

    static RequestException notFound(String id) {
        return new RequestException(Reason.NOT_FOUND, "no request " + id);
    }

    static RequestException invalid(String message) {
        return new RequestException(Reason.INVALID, message);
    }
}
