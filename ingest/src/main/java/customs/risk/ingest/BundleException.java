package customs.risk.ingest;

/**
 * The bundle as a whole cannot be loaded (a missing or unreadable file, a wrong header, a file
 * that is not UTF-8, an archive that is not a zip). Nothing of the bundle was loaded; the message
 * tells the user what to fix.
 */
public class BundleException extends Exception {

    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
