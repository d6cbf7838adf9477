package customs.risk.engine.price;

import customs.risk.engine.trade.DoubleColumn;
import customs.risk.engine.trade.Shipment;
import java.util.Arrays;
import java.util.HashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Numbers of items gathered by group outside the heap, for the medians of peer groups: over ten
 * million items, lists of each group's prices would take a gigabyte of heap. Each group's numbers
 * are copied into an array in turn, so the heap holds one group's at a time.
 */
final class GroupedNumbers {

    private GroupedNumbers() {}

    /**
     * Calls {@code each} with every group's key and its items' numbers; items whose key is null are
     * left out. Reads {@code items} twice.
     */
    static void forEach(
            Iterable<Shipment> items,
            Function<Shipment, String> key,
            ToDoubleFunction<Shipment> number,
            BiConsumer<String, double[]> each) {
        var groupOf = new HashMap<String, Integer>();
        int[] sizes = new int[16];
        int count = 0;
        for (Shipment s : items) {
            String k = key.apply(s);
            if (k != null) {
                int group = groupOf.computeIfAbsent(k, unused -> groupOf.size());
                if (group == sizes.length) {
                    sizes = Arrays.copyOf(sizes, 2 * group);
                }
                sizes[group]++;
                count++;
            }
        }
        int[] start = new int[groupOf.size() + 1];
        for (int g = 0; g < groupOf.size(); g++) {
            start[g + 1] = start[g] + sizes[g];
        }
        int[] next = Arrays.copyOf(start, groupOf.size());
        var numbers = DoubleColumn.of(count, 0);
        for (Shipment s : items) {
            String k = key.apply(s);
            if (k != null) {
                numbers.set(next[groupOf.get(k)]++, number.applyAsDouble(s));
            }
        }
        groupOf.forEach((k, g) -> {
            double[] values = new double[start[g + 1] - start[g]];
            for (int i = 0; i < values.length; i++) {
                values[i] = numbers.get(start[g] + i);
            }
            each.accept(k, values);
        });
    }
}
