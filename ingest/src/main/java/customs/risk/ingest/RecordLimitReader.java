package customs.risk.ingest;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Stops a CSV file whose rows never end: a file of one 2 GB line, or a quote opened and never
 * closed, would otherwise be gathered into one string until the heap runs out. Counts the
 * characters of the current row (a row ends at a line break outside quotes, as in RFC 4180) and
 * fails once a row grows beyond the limit, naming the line it started on.
 */
final class RecordLimitReader extends FilterReader {

    /** Thrown when a row grows beyond the limit. */
    static final class RowTooLongException extends IOException {
        RowTooLongException(String message) {
            super(message);
        }
    }

    // Where the reader stands in the CSV grammar (plain ints: this runs for every character of a load).
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final long maxChars;
    private int state = FIELD_START;
    private long rowChars;
    private long line = 1;
    private long rowStartLine = 1;

    RecordLimitReader(Reader in, long maxChars) {
        super(in);
        this.maxChars = maxChars;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = offset; i < offset + n; i++) {
            count(buffer[i]);
        }
        return n;
    }

    /** Follows the CSV grammar just enough to know where rows end: only a field may open a quote. */
    private void count(char c) throws RowTooLongException {
        if (c == '\n') {
            line++;
        }
        state = switch (state) {
            case FIELD_START -> c == '"' ? QUOTED : c == ',' || c == '\n' ? FIELD_START : UNQUOTED;
            case UNQUOTED -> c == ',' || c == '\n' ? FIELD_START : UNQUOTED;
            case QUOTED -> c == '"' ? QUOTE_IN_QUOTED : QUOTED;
            default -> c == '"' ? QUOTED : c == ',' || c == '\n' ? FIELD_START : UNQUOTED;
        };
        if (c == '\n' && state == FIELD_START) {
            rowChars = 0;
            rowStartLine = line;
        } else if (++rowChars > maxChars) {
            throw new RowTooLongException(String.format(
                    "the row starting on line %,d is longer than %,d characters"
                            + " (a missing line break, or a quote never closed?)",
                    rowStartLine, maxChars));
        }
    }
}
