package customs.risk.app.security;

/** The web application refuses to start: no user exists and no first-admin password is configured. */
public final class FirstAdminMissingException extends IllegalStateException {

    FirstAdminMissingException(String message) {
        super(message);
    }
}
