package customs.risk.engine.network;

import customs.risk.engine.trade.Shipment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * Finds circular trade and round-tripping: goods of one HS heading that leave a controlling party
 * and come back to it through up to {@code maxLength - 1} other parties, repeatedly, each round in
 * time order within a window and with consistent quantities. A party is a company or a group under
 * common control ({@link ControlGroups}), so a loop may close through a shared officer, address or
 * phone instead of a declared sale.
 *
 * <p>What does not count: trade in different goods (each heading is its own graph), a one-off
 * return (fewer than {@code minRounds} rounds), a small return (its quantity is not consistent
 * with what went out).
 *
 * <p>Method: per heading, the directed party graph is reduced to its strongly connected
 * components (Kosaraju, O(V + E)); inside each, simple cycles of length 2 to {@code maxLength} are
 * enumerated by depth-bounded search from their smallest vertex (O(V·d^(L-1)) for out-degree d,
 * capped at {@link #MAX_CYCLES_PER_HEADING} cycles); each cycle's shipments are then matched greedily
 * into rounds in date order (O(S log S) per cycle). Cycle search after STACK.md: bounded search on an
 * in-memory projection, not Cypher variable-length paths, and never Johnson's algorithm on a large
 * component.
 */
public final class CircularTradeDetector {

    public static final int MAX_LENGTH_DEFAULT = 4;
    public static final int WINDOW_DAYS_DEFAULT = 180;
    public static final double QUANTITY_TOLERANCE_DEFAULT = 1.5;
    public static final int MIN_ROUNDS_DEFAULT = 2;
    public static final int MAX_CYCLES_PER_HEADING = 20_000;

    private final int maxLength;
    private final int windowDays;
    private final double quantityTolerance;
    private final int minRounds;

    public CircularTradeDetector() {
        this(MAX_LENGTH_DEFAULT, WINDOW_DAYS_DEFAULT, QUANTITY_TOLERANCE_DEFAULT, MIN_ROUNDS_DEFAULT);
    }

    /**
     * @param maxLength most parties in a loop (2 to 6)
     * @param windowDays longest time from the first to the last leg of one round
     * @param quantityTolerance largest ratio between a leg's quantity and the first leg's (at least 1)
     * @param minRounds fewest rounds that make a loop (at least 1)
     */
    public CircularTradeDetector(int maxLength, int windowDays, double quantityTolerance, int minRounds) {
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
        this.maxLength = maxLength;
        this.windowDays = windowDays;
        this.quantityTolerance = quantityTolerance;
        this.minRounds = minRounds;
    }

    /** The loops in {@code shipments}, heading by heading, largest number of rounds first. */
    public List<TradeLoop> detect(Collection<Shipment> shipments, ControlGroups control) {
        var byHeading = new TreeMap<String, List<Shipment>>();
        for (Shipment s : shipments) {
            byHeading.computeIfAbsent(s.hs4(), h -> new ArrayList<>()).add(s);
        }
        var loops = new ArrayList<TradeLoop>();
        // Strong connectivity recurses as deep as the graph is long: give it a deep stack (see STACK.md).
        var failure = new AtomicReference<Throwable>();
        var worker = new Thread(null, () -> {
            try {
                byHeading.forEach((heading, list) -> loops.addAll(detectInHeading(heading, list, control)));
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "circular-trade", 1L << 30);
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
        loops.sort(Comparator.comparingInt(TradeLoop::rounds).reversed()
                .thenComparing(TradeLoop::hs4).thenComparing(l -> l.companies().toString()));
        return loops;
    }

    private List<TradeLoop> detectInHeading(String heading, List<Shipment> shipments, ControlGroups control) {
        Map<List<String>, List<Shipment>> legs = new LinkedHashMap<>();
        Graph<String, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
        for (Shipment s : shipments) {
            String from = control.partyOf(s.sellerId());
            String to = control.partyOf(s.buyerId());
            if (from.equals(to)) {
                continue;
            }
            legs.computeIfAbsent(List.of(from, to), k -> new ArrayList<>()).add(s);
            graph.addVertex(from);
            graph.addVertex(to);
            graph.addEdge(from, to);
        }
        var found = new ArrayList<TradeLoop>();
        for (Set<String> component : new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets()) {
            if (component.size() < 2) {
                continue;
            }
            for (List<String> cycle : cycles(graph, component)) {
                var loop = rounds(heading, cycle, legs);
                if (loop != null) {
                    found.add(loop);
                }
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

    private void extend(Graph<String, DefaultEdge> graph, Map<String, Integer> order, String start, List<String> path,
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
     * Matches the cycle's shipments into rounds, trying each party as the one the goods leave
     * first, and keeps the reading with the most rounds; null when there are fewer than minRounds.
     */
    private TradeLoop rounds(String heading, List<String> cycle, Map<List<String>, List<Shipment>> legs) {
        List<Shipment[]> best = List.of();
        for (int shift = 0; shift < cycle.size(); shift++) {
            var rotated = new ArrayList<String>(cycle.size());
            for (int i = 0; i < cycle.size(); i++) {
                rotated.add(cycle.get((shift + i) % cycle.size()));
            }
            var rounds = roundsFrom(rotated, legs);
            if (rounds.size() > best.size()) {
                best = rounds;
            }
        }
        return best.size() < minRounds ? null : describe(heading, best);
    }

    private List<Shipment[]> roundsFrom(List<String> cycle, Map<List<String>, List<Shipment>> legs) {
        int k = cycle.size();
        @SuppressWarnings("unchecked")
        List<Shipment>[] byLeg = new List[k];
        for (int i = 0; i < k; i++) {
            byLeg[i] = legs.get(List.of(cycle.get(i), cycle.get((i + 1) % k))).stream()
                    .sorted(Comparator.comparing(Shipment::filedOn).thenComparing(Shipment::declarationId)).toList();
        }
        boolean[][] used = new boolean[k][];
        for (int i = 0; i < k; i++) {
            used[i] = new boolean[byLeg[i].size()];
        }
        var rounds = new ArrayList<Shipment[]>();
        for (int a = 0; a < byLeg[0].size(); a++) {
            Shipment first = byLeg[0].get(a);
            Shipment[] round = new Shipment[k];
            int[] picked = new int[k];
            round[0] = first;
            picked[0] = a;
            LocalDate deadline = first.filedOn().plusDays(windowDays);
            boolean complete = true;
            for (int i = 1; i < k && complete; i++) {
                picked[i] = next(byLeg[i], used[i], round[i - 1].filedOn(), deadline, first);
                complete = picked[i] >= 0;
                if (complete) {
                    round[i] = byLeg[i].get(picked[i]);
                }
            }
            if (complete) {
                for (int i = 0; i < k; i++) {
                    used[i][picked[i]] = true;
                }
                rounds.add(round);
            }
        }
        return rounds;
    }

    private int next(List<Shipment> leg, boolean[] used, LocalDate notBefore, LocalDate deadline, Shipment first) {
        for (int j = 0; j < leg.size(); j++) {
            Shipment s = leg.get(j);
            if (used[j] || s.filedOn().isBefore(notBefore)) {
                continue;
            }
            if (s.filedOn().isAfter(deadline)) {
                return -1;
            }
            double ratio = s.quantity() / first.quantity();
            if (s.quantityUnit().equals(first.quantityUnit()) && ratio <= quantityTolerance
                    && ratio >= 1 / quantityTolerance) {
                return j;
            }
        }
        return -1;
    }

    private static TradeLoop describe(String heading, List<Shipment[]> rounds) {
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
        double median = inflation.length % 2 == 1 ? inflation[inflation.length / 2]
                : (inflation[inflation.length / 2 - 1] + inflation[inflation.length / 2]) / 2;
        return new TradeLoop(List.copyOf(companies), heading, rounds.size(), firstFiled, lastFiled, median, viaControl,
                List.copyOf(declarations));
    }
}
