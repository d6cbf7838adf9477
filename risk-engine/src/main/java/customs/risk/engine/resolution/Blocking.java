package customs.risk.engine.resolution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Finds the pairs of records worth comparing without comparing all pairs: records that share a
 * registration number, phone, e-mail or address key, a name fingerprint, compact name or phonetic
 * key, and each record's nearest names by character trigrams (from an inverted index, reading only
 * each name's rarer trigrams). A key shared by more than {@link #MAX_GROUP} records (a registered
 * agent's address, a common word) is not a block: it would say nothing about which of them match.
 */
final class Blocking {

    static final int MAX_GROUP = 40;
    /** Trigram neighbours kept per record. */
    static final int NEIGHBOURS = 6;
    /** Trigram postings longer than this are too common to look through. */
    private static final int MAX_POSTING = 4_000;
    /** The rarest trigrams of a name that are looked up. */
    private static final int PROBES = 10;

    private static final double MIN_DICE = 0.45;
    /** Records sharing most probes whose trigram similarity is measured exactly, per record. */
    private static final int MEASURED = 64;

    private static final List<Function<RecordProfile, String>> KEYS = List.of(
            p -> p.registration == null ? null : "r" + p.registration,
            p -> p.phoneKey == null ? null : "p" + p.phoneKey,
            p -> p.email == null ? null : "e" + p.email,
            p -> p.addressKey == null ? null : "a" + p.addressKey,
            p -> p.fingerprint.isEmpty() ? null : "f" + p.fingerprint,
            p -> p.compact.isEmpty() ? null : "c" + p.compact,
            p -> p.phoneticKey.isEmpty() ? null : "s" + p.phoneticKey);

    private Blocking() {}

    /**
     * The candidate pairs among {@code profiles} that involve at least one of {@code fresh} (all
     * pairs when {@code fresh} is null), each as {@link #pair(int, int)}, sorted and distinct.
     */
    static long[] candidates(List<RecordProfile> profiles, boolean[] fresh) {
        var found = new LongBuffer();
        for (var key : KEYS) {
            var groups = new HashMap<String, int[]>();
            var sizes = new HashMap<String, Integer>();
            for (var p : profiles) {
                String k = key.apply(p);
                if (k != null) {
                    sizes.merge(k, 1, Integer::sum);
                }
            }
            for (int i = 0; i < profiles.size(); i++) {
                String k = key.apply(profiles.get(i));
                if (k == null) {
                    continue;
                }
                int size = sizes.get(k);
                if (size < 2 || size > MAX_GROUP) {
                    continue;
                }
                int[] members = groups.computeIfAbsent(k, x -> new int[size + 1]);
                members[1 + members[0]++] = i;
            }
            for (int[] members : groups.values()) {
                for (int a = 1; a <= members[0]; a++) {
                    for (int b = a + 1; b <= members[0]; b++) {
                        int i = members[a];
                        int j = members[b];
                        if (fresh == null || fresh[i] || fresh[j]) {
                            found.add(pair(i, j));
                        }
                    }
                }
            }
        }
        for (long p : neighbours(profiles, fresh)) {
            found.add(p);
        }
        return found.sortedDistinct();
    }

    /** Each record's nearest names by trigram Dice, through an inverted index. */
    private static long[] neighbours(List<RecordProfile> profiles, boolean[] fresh) {
        Map<Integer, int[]> postings = postings(profiles);
        return IntStream.range(0, profiles.size())
                .parallel()
                .filter(i -> fresh == null || fresh[i])
                .mapToObj(i -> nearest(i, profiles, postings))
                .flatMapToLong(Arrays::stream)
                .toArray();
    }

    private static Map<Integer, int[]> postings(List<RecordProfile> profiles) {
        var counts = new HashMap<Integer, int[]>();
        for (var p : profiles) {
            for (int g : p.trigrams) {
                counts.computeIfAbsent(g, x -> new int[1])[0]++;
            }
        }
        var postings = new HashMap<Integer, int[]>(counts.size() * 2);
        counts.forEach((g, n) -> postings.put(g, new int[n[0] + 1]));
        for (int i = 0; i < profiles.size(); i++) {
            for (int g : profiles.get(i).trigrams) {
                int[] list = postings.get(g);
                list[1 + list[0]++] = i;
            }
        }
        return postings;
    }

    private static final ThreadLocal<int[]> HITS = new ThreadLocal<>();

    private static long[] nearest(int i, List<RecordProfile> profiles, Map<Integer, int[]> postings) {
        var self = profiles.get(i);
        if (self.trigrams.length == 0) {
            return new long[0];
        }
        int[] hits = HITS.get();
        if (hits == null || hits.length < profiles.size()) {
            hits = new int[profiles.size()];
            HITS.set(hits);
        }
        int[][] lists = new int[self.trigrams.length][];
        for (int g = 0; g < lists.length; g++) {
            lists[g] = postings.get(self.trigrams[g]);
        }
        Arrays.sort(lists, (a, b) -> Integer.compare(a[0], b[0]));
        int[] touched = new int[256];
        int touchedCount = 0;
        for (int g = 0; g < Math.min(PROBES, lists.length); g++) {
            int[] list = lists[g];
            if (list[0] > MAX_POSTING) {
                break;
            }
            for (int k = 1; k <= list[0]; k++) {
                int j = list[k];
                if (j != i && hits[j]++ == 0) {
                    if (touchedCount == touched.length) {
                        touched = Arrays.copyOf(touched, touchedCount * 2);
                    }
                    touched[touchedCount++] = j;
                }
            }
        }
        int probes = Math.min(PROBES, lists.length);
        int needed = probes >= 4 ? 2 : 1;
        // Only the records sharing most probes are measured exactly: counting sort by shared probes.
        var byHits = new ArrayList<List<Integer>>();
        for (int h = 0; h <= probes; h++) {
            byHits.add(new ArrayList<>());
        }
        for (int t = 0; t < touchedCount; t++) {
            int j = touched[t];
            if (hits[j] >= needed) {
                byHits.get(Math.min(hits[j], probes)).add(j);
            }
            hits[j] = 0;
        }
        var scored = new ArrayList<double[]>();
        int measured = 0;
        for (int h = probes; h >= needed && measured < MEASURED; h--) {
            for (int j : byHits.get(h)) {
                if (measured++ >= MEASURED) {
                    break;
                }
                double dice = RecordProfile.dice(self.trigrams, profiles.get(j).trigrams);
                if (dice >= MIN_DICE) {
                    scored.add(new double[] {dice, j});
                }
            }
        }
        scored.sort((a, b) -> Double.compare(b[0], a[0]));
        int keep = Math.min(NEIGHBOURS, scored.size());
        long[] pairs = new long[keep];
        for (int k = 0; k < keep; k++) {
            pairs[k] = pair(i, (int) scored.get(k)[1]);
        }
        return pairs;
    }

    static long pair(int i, int j) {
        int lo = Math.min(i, j);
        int hi = Math.max(i, j);
        return ((long) lo << 32) | (hi & 0xffffffffL);
    }

    static int first(long pair) {
        return (int) (pair >>> 32);
    }

    static int second(long pair) {
        return (int) pair;
    }

    /** A growable array of longs. */
    static final class LongBuffer {
        private long[] items = new long[1024];
        private int size;

        void add(long v) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = v;
        }

        long[] sortedDistinct() {
            long[] sorted = Arrays.copyOf(items, size);
            Arrays.parallelSort(sorted);
            int n = 0;
            for (int k = 0; k < sorted.length; k++) {
                if (k == 0 || sorted[k] != sorted[k - 1]) {
                    sorted[n++] = sorted[k];
                }
            }
            return Arrays.copyOf(sorted, n);
        }
    }
}
