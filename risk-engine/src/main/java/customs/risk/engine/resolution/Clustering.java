package customs.risk.engine.resolution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parties as connected components of the links between records: accepted links first, then the
 * model's merges from the most certain down. A link is refused when it would put more than
 * {@link #MAX_PARTY} records in one party, or two records a person said are different firms.
 */
final class Clustering {

    static final int MAX_PARTY = 25;

    /** A link between two records. */
    record Link(String a, String b, double probability, boolean accepted) {}

    /**
     * @param parties each party of two or more records, its members sorted
     * @param refused links that were not followed, with why
     */
    record Result(List<List<String>> parties, Map<Link, String> refused) {}

    private final Map<String, String> parent = new HashMap<>();
    private final Map<String, Set<String>> members = new HashMap<>();

    static Result of(List<Link> links, List<Link> rejected) {
        var c = new Clustering();
        var apart = new HashMap<String, Set<String>>();
        for (var r : rejected) {
            apart.computeIfAbsent(r.a(), k -> new HashSet<>()).add(r.b());
            apart.computeIfAbsent(r.b(), k -> new HashSet<>()).add(r.a());
        }
        var ordered = new ArrayList<>(links);
        ordered.sort(Comparator.comparing((Link l) -> !l.accepted())
                .thenComparing(Comparator.comparingDouble(Link::probability).reversed())
                .thenComparing(Link::a)
                .thenComparing(Link::b));
        var refused = new HashMap<Link, String>();
        for (var link : ordered) {
            String ra = c.root(link.a());
            String rb = c.root(link.b());
            if (ra.equals(rb)) {
                continue;
            }
            var left = c.members(ra);
            var right = c.members(rb);
            if (left.size() + right.size() > MAX_PARTY) {
                refused.put(link, "would make a party of more than " + MAX_PARTY + " records");
                continue;
            }
            String conflict = conflict(left, right, apart);
            if (conflict != null) {
                refused.put(link, conflict);
                continue;
            }
            c.union(ra, rb);
        }
        var parties = new ArrayList<List<String>>();
        for (var entry : c.members.entrySet()) {
            if (entry.getValue().size() > 1 && c.root(entry.getKey()).equals(entry.getKey())) {
                parties.add(entry.getValue().stream().sorted().toList());
            }
        }
        parties.sort(Comparator.comparing(List::getFirst));
        return new Result(parties, refused);
    }

    private static String conflict(Set<String> left, Set<String> right, Map<String, Set<String>> apart) {
        var small = left.size() <= right.size() ? left : right;
        var large = small == left ? right : left;
        for (String x : small) {
            for (String y : apart.getOrDefault(x, Set.of())) {
                if (large.contains(y)) {
                    return "would join " + x + " and " + y + ", which a reviewer said are different firms";
                }
            }
        }
        return null;
    }

    private String root(String x) {
        String p = parent.getOrDefault(x, x);
        if (p.equals(x)) {
            return x;
        }
        String r = root(p);
        parent.put(x, r);
        return r;
    }

    private Set<String> members(String root) {
        return members.computeIfAbsent(root, r -> new HashSet<>(Set.of(r)));
    }

    private void union(String ra, String rb) {
        var left = members(ra);
        var right = members(rb);
        String keep = left.size() >= right.size() ? ra : rb;
        String gone = keep.equals(ra) ? rb : ra;
        members(keep).addAll(members(gone));
        members.remove(gone);
        parent.put(gone, keep);
    }
}
