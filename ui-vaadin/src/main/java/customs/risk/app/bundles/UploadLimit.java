package customs.risk.app.bundles;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Caps how many bytes an upload may carry, failing as soon as the limit is passed. */
final class UploadLimit extends FilterInputStream {

    static final class TooLargeException extends IOException {
        TooLargeException(long limit) {
            super("the upload is larger than allowed (" + limit + " bytes, spring.servlet.multipart.max-file-size)");
        }
    }

    private final long limit;
    private long count;

    UploadLimit(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        int n = super.read(buffer, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws TooLargeException {
        count += n;
        if (count > limit) {
            throw new TooLargeException(limit);
        }
    }
}
