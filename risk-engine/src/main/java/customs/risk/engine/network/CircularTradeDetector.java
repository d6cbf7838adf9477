package customs.risk.engine.network;

import customs.risk.engine.stats.Poisson;
import customs.risk.engine.trade.Shipment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * Finds circular trade and round-tripping: goods of one HS heading that leave a controlling party
 * and come back to it through up to {@code maxLength - 1} other parties, repeatedly, each round in
 * time order within a window and with matching quantities, more often than the same trade would
 * line up by chance. A party is a company or a group under common control ({@link ControlGroups}),
 * so a loop may close through a shared officer, address or phone instead of a declared sale.
 *
 * <p>What does not count: trade in different goods (each heading is its own graph), a one-off
 * return (fewer than {@code minRounds} rounds), a return whose quantity differs from what went out
 * by more than {@code quantityTolerance}, and ordinary reciprocal trade (a company importing and
 * exporting the same goods with one partner), whose shipments now and then match by chance.
 *
 * <p>Method: per heading, the directed party graph is reduced to its strongly connected
 * components (Kosaraju, O(V + E)); inside each, simple cycles of length 2 to {@code maxLength} are
 * enumerated by depth-bounded search from their smallest vertex (O(V·d^(L-1)) for out-degree d,
 * capped at {@link #MAX_CYCLES_PER_HEADING} cycles); each cycle's shipments are then matched greedily
 * into rounds in date order, from each party in turn, keeping the reading with most rounds
 * (O(L·S log S + L·S·w) per cycle for its S shipments, w of them within one window). Cycle search
 * after docs/STACK.md: bounded search on an in-memory projection, not Cypher variable-length paths, and
 * never Johnson's algorithm on a large component.
 *
 * <p>Chance: a cycle whose rounds reach {@code minRounds} is tested against its own trade by a
 * permutation test (Good, Permutation, Parametric and Bootstrap Tests of Hypotheses, 2005): the
 * filing dates of the cycle's shipments are shuffled among them (each keeps its leg and quantity),
 * the same matching is rerun, and the average over {@code permutations} shuffles, seeded from the
 * heading and the cycle so that results repeat, is the number of rounds expected by chance. The
 * observed rounds are then judged by the Poisson upper tail P(X >= rounds) at that mean, summed
 * exactly from the probability mass function in log space. A loop is reported when that tail is at
 * most {@code significance} and the rounds exceed the chance expectation by at least
 * {@link #MIN_EXCESS_ROUNDS}. A short cycle is read twice, within the whole window and within
 * {@link #HAND_OVER_DAYS} per hand-over, and keeps the better reading with its tail doubled
 * (Bonferroni), so that a fast two-party carousel is not judged by the slack a four-party round
 * needs. The test costs {@code permutations} more matchings per window, only for the cycles that
 * reached {@code minRounds} on the real dates.
 */
public final class CircularTradeDetector {

    public static final int MAX_LENGTH_DEFAULT = 4;
    /**
     * Four months: a hand-over takes weeks, so a round of four parties is done in about 120 days;
     * a longer window only lets unrelated shipments pair up by chance and weakens the test.
     */
    public static final int WINDOW_DAYS_DEFAULT = 120;
    /** Six weeks from one leg of a round to the next: the tighter window of short loops. */
    public static final int HAND_OVER_DAYS = 45;
    /** Returns within 10% of what went out: carousel goods keep their quantity. */
    public static final double QUANTITY_TOLERANCE_DEFAULT = 1.1;

    public static final int MIN_ROUNDS_DEFAULT = 2;
    public static final double SIGNIFICANCE_DEFAULT = 0.05;
    public static final int CHANCE_PERMUTATIONS_DEFAULT = 20;
    /** Fewest rounds beyond the chance expectation that make a loop, whatever the tail says. */
    public static final double MIN_EXCESS_ROUNDS = 1;

    public static final int MAX_CYCLES_PER_HEADING = 20_000;

    private final int maxLength;
    private final int windowDays;
    private final double quantityTolerance;
    private final int minRounds;
    private final double significance;
    private final int permutations;

    public CircularTradeDetector() {
        this(MAX_LENGTH_DEFAULT, WINDOW_DAYS_DEFAULT, QUANTITY_TOLERANCE_DEFAULT, MIN_ROUNDS_DEFAULT);
    }

    /** A detector that judges chance with {@link #SIGNIFICANCE_DEFAULT} and {@link #CHANCE_PERMUTATIONS_DEFAULT}. */
    public CircularTradeDetector(int maxLength, int windowDays, double quantityTolerance, int minRounds) {
        this(maxLength, windowDays, quantityTolerance, minRounds, SIGNIFICANCE_DEFAULT, CHANCE_PERMUTATIONS_DEFAULT);
    }

    /**
     * @param maxLength most parties in a loop (2 to 6)
     * @param windowDays longest time from the first to the last leg of one round
     * @param quantityTolerance largest ratio between a leg's quantity and the first leg's (at least 1)
     * @param minRounds fewest rounds that make a loop (at least 1)
     * @param significance largest Poisson tail probability of the rounds given the chance
     *     expectation that still makes a loop (0 exclusive to 1)
     * @param permutations date shuffles that estimate the chance expectation (at least 1)
     */
    public CircularTradeDetector(
            int maxLength,
            int windowDays,
            double quantityTolerance,
            int minRounds,
            double significance,
            int permutations) {
        if (maxLength < 2 || maxLength > 6) {
            throw new IllegalArgumentException("maxLength must be within [2, 6]: " + maxLength);
        }
        if (windowDays < 1) {
            throw new IllegalArgumentException("windowDays must be positive: " + windowDays);
        }
        if (!(quantityTolerance >= 1)) {
            throw new IllegalArgumentException("quantityTolerance must be at least 1: " + quantityTolerance);
        }
        if (minRounds < 1) {
            throw new IllegalArgumentException("minRounds must be at least 1: " + minRounds);
        }
        if (!(significance > 0 && significance <= 1)) {
            throw new IllegalArgumentException("significance must be within (0, 1]: " + significance);
        }
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations must be at least 1: " + permutations);
        }
        this.maxLength = maxLength;
        this.windowDays = windowDays;
        this.quantityTolerance = quantityTolerance;
        this.minRounds = minRounds;
        this.significance = significance;
        this.permutations = permutations;
    }

    /**
     * The loops in {@code shipments}, heading by heading, most significant first (smallest
     * {@link TradeLoop#pValue()}, then most rounds beyond chance, then most rounds).
     */
    public List<TradeLoop> detect(Collection<Shipment> shipments, ControlGroups control) {
        // Two passes, so that what is held grows with trading pairs, not declarations: the first
        // gathers each heading's company-level trade graph and finds its cycles, the second picks
        // out the shipments on the legs of those cycles.
        var parties = new Parties();
        var edgesByHeading = new TreeMap<String, LinkedHashSet<Long>>();
        for (Shipment s : shipments) {
            int from = parties.code(control.partyOf(s.sellerId()));
            int to = parties.code(control.partyOf(s.buyerId()));
            if (from != to) {
                edgesByHeading
                        .computeIfAbsent(s.hs4(), h -> new LinkedHashSet<>())
                        .add(leg(from, to));
            }
        }
        var cyclesByHeading = new TreeMap<String, List<List<String>>>();
        // Strong connectivity recurses as deep as the graph is long: give it a deep stack (see docs/STACK.md).
        var failure = new AtomicReference<Throwable>();
        var worker = new Thread(
                null,
                () -> {
                    try {
                        while (!edgesByHeading.isEmpty()) {
                            var heading = edgesByHeading.pollFirstEntry();
                            var cycles = cyclesIn(heading.getValue(), parties);
                            if (!cycles.isEmpty()) {
                                cyclesByHeading.put(heading.getKey(), cycles);
                            }
                        }
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                "circular-trade",
                1L << 30);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("circular trade detection failed", failure.get());
        }
        var wanted = new HashMap<String, Map<Long, List<Shipment>>>();
        cyclesByHeading.forEach((heading, cycles) -> {
            var legs = new HashMap<Long, List<Shipment>>();
            for (List<String> cycle : cycles) {
                for (int i = 0; i < cycle.size(); i++) {
                    legs.put(leg(parties, cycle, i), new ArrayList<>());
                }
            }
            wanted.put(heading, legs);
        });
        for (Shipment s : shipments) {
            var legs = wanted.get(s.hs4());
            if (legs != null) {
                var onLeg = legs.get(
                        leg(parties.code(control.partyOf(s.sellerId())), parties.code(control.partyOf(s.buyerId()))));
                if (onLeg != null) {
                    onLeg.add(s);
                }
            }
        }
        var loops = new ArrayList<TradeLoop>();
        cyclesByHeading.forEach((heading, cycles) -> {
            for (List<String> cycle : cycles) {
                var loop = loop(heading, cycle, wanted.get(heading), parties);
                if (loop != null) {
                    loops.add(loop);
                }
            }
        });
        loops.sort(Comparator.comparingDouble(TradeLoop::pValue)
                .thenComparing(
                        Comparator.comparingDouble(TradeLoop::excessRounds).reversed())
                .thenComparing(Comparator.comparingInt(TradeLoop::rounds).reversed())
                .thenComparing(TradeLoop::hs4)
                .thenComparing(l -> l.companies().toString()));
        return loops;
    }

    /** Parties numbered in the order first seen. */
    private static final class Parties {
        private final Map<String, Integer> codes = new HashMap<>();
        private final List<String> names = new ArrayList<>();

        int code(String party) {
            Integer code = codes.get(party);
            if (code == null) {
                code = names.size();
                codes.put(party, code);
                names.add(party);
            }
            return code;
        }

        String name(int code) {
            return names.get(code);
        }
    }

    /** A trade leg from one party to another, as one number. */
    private static long leg(int from, int to) {
        return ((long) from << 32) | (to & 0xFFFFFFFFL);
    }

    /** The leg from the {@code i}-th party of {@code cycle} to the next. */
    private static long leg(Parties parties, List<String> cycle, int i) {
        return leg(parties.code(cycle.get(i)), parties.code(cycle.get((i + 1) % cycle.size())));
    }

    /** The cycles of one heading's trade graph ({@code edges} in the order first traded), component by component. */
    private List<List<String>> cyclesIn(Set<Long> edges, Parties parties) {
        Graph<String, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
        for (long edge : edges) {
            String from = parties.name((int) (edge >>> 32));
            String to = parties.name((int) edge);
            graph.addVertex(from);
            graph.addVertex(to);
            graph.addEdge(from, to);
        }
        var found = new ArrayList<List<String>>();
        for (Set<String> component : new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets()) {
            if (component.size() >= 2) {
                found.addAll(cycles(graph, component));
            }
        }
        return found;
    }

    /** Simple cycles of length 2..maxLength, each once, starting from its smallest vertex. */
    private List<List<String>> cycles(Graph<String, DefaultEdge> graph, Set<String> component) {
        var order = new HashMap<String, Integer>();
        component.stream().sorted().forEach(v -> order.put(v, order.size()));
        var cycles = new ArrayList<List<String>>();
        for (String start : order.keySet().stream().sorted().toList()) {
            var path = new ArrayList<String>();
            path.add(start);
            extend(graph, order, start, path, cycles);
            if (cycles.size() >= MAX_CYCLES_PER_HEADING) {
                break;
            }
        }
        return cycles;
    }

    private void extend(
            Graph<String, DefaultEdge> graph,
            Map<String, Integer> order,
            String start,
            List<String> path,
            List<List<String>> cycles) {
        String last = path.getLast();
        for (DefaultEdge edge : graph.outgoingEdgesOf(last)) {
            String next = graph.getEdgeTarget(edge);
            Integer index = order.get(next);
            if (index == null || cycles.size() >= MAX_CYCLES_PER_HEADING) {
                continue;
            }
            if (next.equals(start) && path.size() >= 2) {
                cycles.add(List.copyOf(path));
            } else if (index > order.get(start) && !path.contains(next) && path.size() < maxLength) {
                path.add(next);
                extend(graph, order, start, path, cycles);
                path.removeLast();
            }
        }
    }

    /**
     * The cycle as a loop when its rounds reach minRounds and beat chance, otherwise null. The
     * rounds are read from each party in turn as the one the goods leave first; the reading with
     * most rounds counts, on the real dates and on every shuffle alike.
     */
    private TradeLoop loop(String heading, List<String> cycle, Map<Long, List<Shipment>> byLeg, Parties parties) {
        int k = cycle.size();
        var shipments = new Shipment[k][];
        for (int i = 0; i < k; i++) {
            shipments[i] = byLeg.get(leg(parties, cycle, i)).stream()
                    .sorted(Comparator.comparing(Shipment::filedOn).thenComparing(Shipment::declarationId))
                    .toArray(Shipment[]::new);
        }
        var legs = Legs.of(shipments);
        int[] windows = windows(k);
        List<int[]> best = null;
        int bestShift = 0;
        double bestP = 1;
        double bestExpected = 0;
        for (int window : windows) {
            List<int[]> found = List.of();
            int shiftFound = 0;
            for (int shift = 0; shift < k; shift++) {
                var rounds = new ArrayList<int[]>();
                legs.match(shift, window, quantityTolerance, rounds);
                if (rounds.size() > found.size()) {
                    found = rounds;
                    shiftFound = shift;
                }
            }
            int observed = found.size();
            if (observed < minRounds) {
                continue;
            }
            double expected = chanceRounds(legs, window, new SplittableRandom(seed(heading, cycle)));
            // Bonferroni: the loop had as many chances to look significant as windows were tried.
            double p = Math.min(1, Poisson.upperTail(observed, expected) * windows.length);
            if (observed - expected >= MIN_EXCESS_ROUNDS && (best == null || p < bestP)) {
                best = found;
                bestShift = shiftFound;
                bestP = p;
                bestExpected = expected;
            }
        }
        if (best == null || bestP > significance) {
            return null;
        }
        int observed = best.size();
        double expected = bestExpected;
        double p = bestP;
        var rounds = new ArrayList<Shipment[]>(observed);
        for (int[] picked : best) {
            Shipment[] round = new Shipment[k];
            for (int i = 0; i < k; i++) {
                round[i] = shipments[(bestShift + i) % k][picked[i]];
            }
            rounds.add(round);
        }
        return describe(heading, rounds, expected, p);
    }

    /**
     * Average rounds, best reading, over shuffles of the filing dates among all shipments of the
     * cycle: each shipment keeps its leg and quantity and draws a date without replacement. At
     * least half a round over all shuffles, the finest mean they resolve, so that the tail
     * probability never claims more than the shuffles can show.
     */
    private double chanceRounds(Legs real, int windowDays, SplittableRandom random) {
        int k = real.day.length;
        int total = 0;
        for (int[] leg : real.day) {
            total += leg.length;
        }
        int[] pool = new int[total];
        int at = 0;
        for (int[] leg : real.day) {
            System.arraycopy(leg, 0, pool, at, leg.length);
            at += leg.length;
        }
        var shuffled = new Legs(k);
        var keys = new long[k][];
        for (int i = 0; i < k; i++) {
            int n = real.day[i].length;
            shuffled.day[i] = new int[n];
            shuffled.quantity[i] = new double[n];
            shuffled.unit[i] = new int[n];
            keys[i] = new long[n];
        }
        long sum = 0;
        for (int run = 0; run < permutations; run++) {
            for (int i = total - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = pool[i];
                pool[i] = pool[j];
                pool[j] = swap;
            }
            at = 0;
            for (int i = 0; i < k; i++) {
                int n = real.day[i].length;
                // Each leg in its new date order; equal dates keep the real order (key: date, then index).
                for (int j = 0; j < n; j++) {
                    keys[i][j] = ((long) pool[at + j] << 32) | j;
                }
                at += n;
                Arrays.sort(keys[i]);
                for (int j = 0; j < n; j++) {
                    int from = (int) keys[i][j];
                    shuffled.day[i][j] = (int) (keys[i][j] >>> 32);
                    shuffled.quantity[i][j] = real.quantity[i][from];
                    shuffled.unit[i][j] = real.unit[i][from];
                }
            }
            int best = 0;
            for (int shift = 0; shift < k; shift++) {
                best = Math.max(best, shuffled.match(shift, windowDays, quantityTolerance, null));
            }
            sum += best;
        }
        return Math.max(sum / (double) permutations, 0.5 / permutations);
    }

    /**
     * The windows a cycle of {@code legs} legs is read with: the whole window, and a tighter one of
     * {@link #HAND_OVER_DAYS} per hand-over when that is shorter. A carousel of two parties turns in
     * weeks; judged in a four-party window, its rounds look like what its dates would give by chance.
     */
    private int[] windows(int legs) {
        int tight = HAND_OVER_DAYS * (legs - 1);
        return tight < windowDays ? new int[] {tight, windowDays} : new int[] {windowDays};
    }

    /** A seed that depends only on the heading and the cycle, so that a rerun gives the same figures. */
    private static long seed(String heading, List<String> cycle) {
        long h = heading.hashCode();
        for (String party : cycle) {
            h = h * 0x9E3779B97F4A7C15L + party.hashCode();
        }
        return h;
    }

    /**
     * Filing days, quantities and units of a cycle's legs, each leg in date order; leg i goes from
     * party i to party i + 1 of the cycle. Arrays, because the matching runs on them once per
     * reading and per shuffle.
     */
    private static final class Legs {
        final int[][] day;
        final double[][] quantity;
        final int[][] unit;

        Legs(int count) {
            day = new int[count][];
            quantity = new double[count][];
            unit = new int[count][];
        }

        static Legs of(Shipment[][] shipments) {
            int k = shipments.length;
            var legs = new Legs(k);
            var units = new HashMap<String, Integer>();
            for (int i = 0; i < k; i++) {
                int n = shipments[i].length;
                legs.day[i] = new int[n];
                legs.quantity[i] = new double[n];
                legs.unit[i] = new int[n];
                for (int j = 0; j < n; j++) {
                    Shipment s = shipments[i][j];
                    legs.day[i][j] = (int) s.filedOn().toEpochDay();
                    legs.quantity[i][j] = s.quantity();
                    legs.unit[i][j] = units.computeIfAbsent(s.quantityUnit(), u -> units.size());
                }
            }
            return legs;
        }

        /**
         * Greedy rounds from leg {@code shift}: each of its shipments in date order opens a round
         * that every following leg continues with its earliest unused shipment filed no earlier
         * than the previous leg, within the window of the opening and of a matching quantity.
         *
         * @param rounds receives, per round, the index of its shipment in each leg from leg
         *     {@code shift} on; null when only the count matters
         * @return the number of rounds
         */
        int match(int shift, int windowDays, double tolerance, List<int[]> rounds) {
            int k = day.length;
            boolean[][] used = new boolean[k][];
            for (int i = 0; i < k; i++) {
                used[i] = new boolean[day[i].length];
            }
            int count = 0;
            int[] picked = new int[k];
            for (int a = 0; a < day[shift].length; a++) {
                int deadline = day[shift][a] + windowDays;
                picked[0] = a;
                int previous = day[shift][a];
                boolean complete = true;
                for (int i = 1; i < k && complete; i++) {
                    int leg = (shift + i) % k;
                    picked[i] = next(leg, used[leg], previous, deadline, quantity[shift][a], unit[shift][a], tolerance);
                    complete = picked[i] >= 0;
                    if (complete) {
                        previous = day[leg][picked[i]];
                    }
                }
                if (complete) {
                    for (int i = 1; i < k; i++) {
                        used[(shift + i) % k][picked[i]] = true;
                    }
                    count++;
                    if (rounds != null) {
                        rounds.add(picked.clone());
                    }
                }
            }
            return count;
        }

        private int next(
                int leg,
                boolean[] used,
                int notBefore,
                int deadline,
                double firstQuantity,
                int firstUnit,
                double tolerance) {
            int[] dates = day[leg];
            int j = Arrays.binarySearch(dates, notBefore);
            if (j < 0) {
                j = -j - 1;
            }
            while (j > 0 && dates[j - 1] == notBefore) {
                j--;
            }
            for (; j < dates.length && dates[j] <= deadline; j++) {
                if (used[j] || unit[leg][j] != firstUnit) {
                    continue;
                }
                double ratio = quantity[leg][j] / firstQuantity;
                if (ratio <= tolerance && ratio >= 1 / tolerance) {
                    return j;
                }
            }
            return -1;
        }
    }

    private static TradeLoop describe(String heading, List<Shipment[]> rounds, double expectedRounds, double pValue) {
        var companies = new LinkedHashSet<String>();
        var declarations = new ArrayList<String>();
        boolean viaControl = false;
        double[] inflation = new double[rounds.size()];
        LocalDate firstFiled = null;
        LocalDate lastFiled = null;
        for (int r = 0; r < rounds.size(); r++) {
            Shipment[] round = rounds.get(r);
            for (int i = 0; i < round.length; i++) {
                Shipment s = round[i];
                companies.add(s.sellerId());
                companies.add(s.buyerId());
                declarations.add(s.declarationId());
                String handedTo = s.buyerId();
                String nextSeller = round[(i + 1) % round.length].sellerId();
                viaControl |= !handedTo.equals(nextSeller);
                firstFiled = firstFiled == null || s.filedOn().isBefore(firstFiled) ? s.filedOn() : firstFiled;
                lastFiled = lastFiled == null || s.filedOn().isAfter(lastFiled) ? s.filedOn() : lastFiled;
            }
            inflation[r] = round[round.length - 1].valueUsd() / round[0].valueUsd();
        }
        Arrays.sort(inflation);
        double median = inflation.length % 2 == 1
                ? inflation[inflation.length / 2]
                : (inflation[inflation.length / 2 - 1] + inflation[inflation.length / 2]) / 2;
        return new TradeLoop(
                List.copyOf(companies),
                heading,
                rounds.size(),
                firstFiled,
                lastFiled,
                median,
                viaControl,
                List.copyOf(declarations),
                expectedRounds,
                pValue);
    }
}
