package customs.risk.app.security;

/**
 * The web application refuses to start: no user exists, and no usable first-admin password is
 * configured (none at all, or one the account rules refuse).
 */
public final class FirstAdminMissingException extends IllegalStateException {

    FirstAdminMissingException(String message) {
        super(message);
    }

    FirstAdminMissingException(String message, Throwable cause) {
        super(message, cause);
    }
}
