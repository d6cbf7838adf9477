package customs.risk.app.bundles;

import customs.risk.graph.files.LimitedInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Caps how many bytes a bundle upload may carry, failing as soon as the limit is passed. */
final class UploadLimit {

    static final class TooLargeException extends IOException {
        TooLargeException(long limit) {
            super("the upload is larger than allowed (" + limit + " bytes, spring.servlet.multipart.max-file-size)");
        }
    }

    private UploadLimit() {}

    static InputStream of(InputStream in, long limit) {
        return new LimitedInputStream(in, limit, TooLargeException::new);
    }
}
