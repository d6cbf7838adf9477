package customs.risk.engine.network;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Companies under common control: those that share an officer, an address or a phone, merged
 * transitively (union-find). An identifier shared by more than {@code maxSharing} companies (a
 * registered agent's address, a serviced office, a call centre) says nothing about control and is
 * ignored, so that unrelated tenants of one building do not become one party.
 *
 * <p>Building is O(n α(n)) over the identifier memberships.
 */
public final class ControlGroups {

    public static final int MAX_SHARING_DEFAULT = 8;

    private final Map<String, String> parent = new HashMap<>();

    private ControlGroups() {}

    /**
     * @param membersByIdentifier companies per shared identifier (address key, phone key, officer id, ...)
     * @param maxSharing identifiers shared by more companies than this are ignored
     */
    public static ControlGroups of(Map<String, ? extends Collection<String>> membersByIdentifier, int maxSharing) {
        if (maxSharing < 2) {
            throw new IllegalArgumentException("maxSharing must be at least 2: " + maxSharing);
        }
        var groups = new ControlGroups();
        membersByIdentifier.forEach((identifier, members) -> {
            if (members.size() >= 2 && members.size() <= maxSharing) {
                String first = null;
                for (String company : members) {
                    if (first == null) {
                        first = company;
                    } else {
                        groups.union(first, company);
                    }
                }
            }
        });
        return groups;
    }

    /** Groups from shared identifiers, each shared by at most {@code maxSharing} companies. */
    public static ControlGroups of(Collection<ShellClusterDetector.SharedIdentifier> identifiers, int maxSharing) {
        var membership = new HashMap<String, List<String>>();
        identifiers.forEach(id -> membership.put(id.tie() + ":" + id.key(), List.copyOf(id.companies())));
        return of(membership, maxSharing);
    }

    /** No links at all: every company is its own party. */
    public static ControlGroups none() {
        return new ControlGroups();
    }

    /** The controlling party of {@code company}: the same string for all companies of one group. */
    public String partyOf(String company) {
        String root = company;
        String next;
        while ((next = parent.get(root)) != null && !next.equals(root)) {
            root = next;
        }
        // Path compression keeps later look-ups near constant.
        String current = company;
        while (!current.equals(root)) {
            String up = parent.get(current);
            parent.put(current, root);
            current = up;
        }
        return root;
    }

    public boolean sameParty(String a, String b) {
        return partyOf(a).equals(partyOf(b));
    }

    /** Groups of two or more companies, each sorted, in a stable order. */
    public List<Set<String>> groups() {
        var byRoot = new HashMap<String, Set<String>>();
        for (String company : new ArrayList<>(parent.keySet())) {
            byRoot.computeIfAbsent(partyOf(company), r -> new TreeSet<>()).add(company);
        }
        return byRoot.values().stream()
                .filter(g -> g.size() > 1)
                .sorted((a, b) -> a.iterator().next().compareTo(b.iterator().next()))
                .toList();
    }

    private void union(String a, String b) {
        parent.putIfAbsent(a, a);
        parent.putIfAbsent(b, b);
        String ra = partyOf(a);
        String rb = partyOf(b);
        if (!ra.equals(rb)) {
            // The smaller id becomes the root: deterministic whatever the input order.
            if (ra.compareTo(rb) < 0) {
                parent.put(rb, ra);
            } else {
                parent.put(ra, rb);
            }
        }
    }
}
