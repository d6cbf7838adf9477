package customs.risk.engine.trade;

import java.nio.MappedByteBuffer;

/**
 * A whole number per row kept outside the Java heap, as {@link DoubleColumn} keeps a number: an
 * index over ten million declarations costs the heap nothing. Rows start at 0; rows may be set from
 * several threads as long as each row is set by one.
 */
public final class IntColumn {

    /** Rows per mapping (a mapping holds at most 2 GB). */
    private static final int ROWS_PER_MAPPING = 1 << 28;

    private final MappedByteBuffer[] mappings;
    private final int length;

    private IntColumn(MappedByteBuffer[] mappings, int length) {
        this.mappings = mappings;
        this.length = length;
    }

    /** A column of {@code length} rows, each {@code initial}. */
    public static IntColumn of(int length, int initial) {
        var column = new IntColumn(MappedRows.map(length, Integer.BYTES, ROWS_PER_MAPPING), length);
        if (initial != 0) {
            for (int row = 0; row < length; row++) {
                column.set(row, initial);
            }
        }
        return column;
    }

    public int length() {
        return length;
    }

    public int get(int row) {
        check(row);
        return mappings[row / ROWS_PER_MAPPING].getInt((row % ROWS_PER_MAPPING) * Integer.BYTES);
    }

    public void set(int row, int value) {
        check(row);
        mappings[row / ROWS_PER_MAPPING].putInt((row % ROWS_PER_MAPPING) * Integer.BYTES, value);
    }

    private void check(int row) {
        if (row < 0 || row >= length) {
            throw new IndexOutOfBoundsException("row " + row + " of " + length);
        }
    }
}
