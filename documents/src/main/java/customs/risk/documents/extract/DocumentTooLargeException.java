package customs.risk.documents.extract;

import java.io.IOException;

/** A file is over the configured size limit; nothing of it was parsed. */
public final class DocumentTooLargeException extends IOException {

    private final long limitBytes;

    public DocumentTooLargeException(long limitBytes, String detail) {
        super("document is larger than the limit of " + limitBytes + " bytes"
                + (detail.isEmpty() ? "" : " (" + detail + ")"));
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
