package customs.risk.engine.network;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spreads risk over trade and control links: personalized PageRank (Haveliwala, "Topic-sensitive
 * PageRank", WWW 2002) restarting at the risky companies, so a company next to a confirmed
 * offender rises, and one two links away rises less (damping). Each company's spread risk is
 * explained by the neighbour that passed it the most.
 *
 * <p>Power iteration, O(I · (V + E)) for I iterations (at most {@link #ITERATIONS_MAX}).
 */
public final class RiskSpreading {

    public static final double DAMPING_DEFAULT = 0.5;
    public static final int ITERATIONS_MAX = 50;
    private static final double TOLERANCE = 1e-10;

    /** An undirected link with a weight (e.g. number of declarations between two companies). */
    public record Link(String a, String b, double weight) {}

    /**
     * Risk received by a company.
     *
     * @param score the company's stationary share relative to the strongest seed's, 0 to 1
     * @param via the neighbour that passed it the most risk
     */
    public record Spread(double score, String via) {}

    private final double damping;

    public RiskSpreading(double damping) {
        if (!(damping > 0 && damping < 1)) {
            throw new IllegalArgumentException("damping must be within (0, 1): " + damping);
        }
        this.damping = damping;
    }

    /**
     * @param seeds risk of the starting companies (scores above 0)
     * @param links trade and control links
     * @return for every company reached that is not itself a seed, its spread risk
     */
    public Map<String, Spread> spread(Map<String, Double> seeds, Collection<Link> links) {
        var neighbours = new HashMap<String, List<Link>>();
        for (Link link : links) {
            if (link.weight() > 0 && !link.a().equals(link.b())) {
                neighbours.computeIfAbsent(link.a(), k -> new ArrayList<>()).add(link);
                neighbours.computeIfAbsent(link.b(), k -> new ArrayList<>()).add(link);
            }
        }
        var degree = new HashMap<String, Double>();
        neighbours.forEach((node, list) ->
                degree.put(node, list.stream().mapToDouble(Link::weight).sum()));
        double seedTotal =
                seeds.values().stream().mapToDouble(Double::doubleValue).sum();
        if (seedTotal <= 0) {
            return Map.of();
        }
        var restart = new HashMap<String, Double>();
        seeds.forEach((node, s) -> restart.put(node, s / seedTotal));
        Map<String, Double> rank = new HashMap<>(restart);
        for (int iteration = 0; iteration < ITERATIONS_MAX; iteration++) {
            var next = new HashMap<String, Double>();
            restart.forEach((node, r) -> next.merge(node, (1 - damping) * r, Double::sum));
            for (var entry : rank.entrySet()) {
                var list = neighbours.get(entry.getKey());
                if (list == null) {
                    // A seed without links keeps its mass, so the total stays 1.
                    next.merge(entry.getKey(), damping * entry.getValue(), Double::sum);
                    continue;
                }
                double share = damping * entry.getValue() / degree.get(entry.getKey());
                for (Link link : list) {
                    String other = link.a().equals(entry.getKey()) ? link.b() : link.a();
                    next.merge(other, share * link.weight(), Double::sum);
                }
            }
            double change = 0;
            for (var entry : next.entrySet()) {
                change += Math.abs(entry.getValue() - rank.getOrDefault(entry.getKey(), 0.0));
            }
            rank = next;
            if (change < TOLERANCE) {
                break;
            }
        }
        final var finalRank = rank;
        double strongestSeed = seeds.keySet().stream()
                .mapToDouble(k -> finalRank.getOrDefault(k, 0.0))
                .max()
                .orElse(0);
        var result = new HashMap<String, Spread>();
        finalRank.forEach((node, r) -> {
            if (seeds.containsKey(node) || strongestSeed <= 0) {
                return;
            }
            String via = null;
            double best = -1;
            for (Link link : neighbours.getOrDefault(node, List.of())) {
                String other = link.a().equals(node) ? link.b() : link.a();
                double passed = finalRank.getOrDefault(other, 0.0) * link.weight() / degree.get(other);
                if (passed > best) {
                    best = passed;
                    via = other;
                }
            }
            result.put(node, new Spread(Math.min(1, r / strongestSeed), via));
        });
        return result;
    }
}
