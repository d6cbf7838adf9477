package customs.risk.graph.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongFunction;

/**
 * Caps how many bytes a stream may carry, failing as soon as the limit is passed, so an oversized
 * upload is never stored whole. The caller names the error, so each intake keeps its own message.
 */
public final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private final LongFunction<IOException> tooLarge;
    private long count;

    /** @param tooLarge the error to throw, given the limit in bytes */
    public LimitedInputStream(InputStream in, long limit, LongFunction<IOException> tooLarge) {
        super(in);
        this.limit = limit;
        this.tooLarge = tooLarge;
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

    private void count(long n) throws IOException {
        count += n;
        if (count > limit) {
            throw tooLarge.apply(limit);
        }
    }
}
