package customs.risk.engine.trade;

import java.nio.MappedByteBuffer;

/**
 * A number per row (of a {@link ShipmentTable}, say) kept outside the Java heap, in a temporary
 * file mapped into memory and deleted at once: a column over ten million declarations costs the
 * heap nothing, and the operating system pages it out when memory is short. Rows start at 0; rows
 * may be set from several threads as long as each row is set by one.
 */
public final class DoubleColumn {

    /** Rows per mapping (a mapping holds at most 2 GB). */
    private static final int ROWS_PER_MAPPING = 1 << 27;

    private final MappedByteBuffer[] mappings;
    private final int length;

    private DoubleColumn(MappedByteBuffer[] mappings, int length) {
        this.mappings = mappings;
        this.length = length;
    }

    /** A column of {@code length} rows, each {@code initial}. */
    public static DoubleColumn of(int length, double initial) {
        var column = new DoubleColumn(MappedRows.map(length, Double.BYTES, ROWS_PER_MAPPING), length);
        if (Double.doubleToRawLongBits(initial) != 0) {
            column.fill(initial);
        }
        return column;
    }

    /** {@code columns} columns of {@code length} rows, each 0. */
    public static DoubleColumn[] zeros(int columns, int length) {
        var all = new DoubleColumn[columns];
        for (int c = 0; c < columns; c++) {
            all[c] = of(length, 0);
        }
        return all;
    }

    public int length() {
        return length;
    }

    public double get(int row) {
        check(row);
        return mappings[row / ROWS_PER_MAPPING].getDouble((row % ROWS_PER_MAPPING) * Double.BYTES);
    }

    public void set(int row, double value) {
        check(row);
        mappings[row / ROWS_PER_MAPPING].putDouble((row % ROWS_PER_MAPPING) * Double.BYTES, value);
    }

    public void fill(double value) {
        for (int row = 0; row < length; row++) {
            set(row, value);
        }
    }

    /**
     * The {@code rank}-th largest value, 1 being the largest, as if the column were sorted: found by
     * counting values per leading bits, 16 bits a pass, without sorting or copying the column.
     */
    public double largest(long rank) {
        if (rank < 1 || rank > length) {
            throw new IllegalArgumentException("rank " + rank + " of " + length);
        }
        long prefix = 0;
        long remaining = rank;
        for (int shift = 48; shift >= 0; shift -= 16) {
            long[] counts = new long[1 << 16];
            long mask = shift == 48 ? 0 : -1L << (shift + 16);
            for (int row = 0; row < length; row++) {
                long key = sortable(get(row));
                if ((key & mask) == prefix) {
                    counts[(int) ((key >>> shift) & 0xFFFF)]++;
                }
            }
            int bucket = counts.length - 1;
            while (remaining > counts[bucket]) {
                remaining -= counts[bucket];
                bucket--;
            }
            prefix |= (long) bucket << shift;
        }
        return unsortable(prefix);
    }

    /** The bits of a number, flipped so that their unsigned order is the numbers' order. */
    private static long sortable(double value) {
        long bits = Double.doubleToLongBits(value);
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }

    private static double unsortable(long key) {
        long bits = key < 0 ? key ^ Long.MIN_VALUE : ~key;
        return Double.longBitsToDouble(bits);
    }

    private void check(int row) {
        if (row < 0 || row >= length) {
            throw new IndexOutOfBoundsException("row " + row + " of " + length);
        }
    }
}
