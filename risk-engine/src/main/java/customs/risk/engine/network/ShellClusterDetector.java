package customs.risk.engine.network;

import customs.risk.engine.trade.CompanyFacts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds shell-company clusters: groups tied by shared addresses, phones, e-mails and officers,
 * scored by the signs that investigators of trade-based money laundering use (FATF/Egmont, Trade-
 * based money laundering: trends and developments, 2020): youth at first declaration, tiny
 * headcount, dissolutions and phoenix successors (a new company with the same officer or address
 * registered soon after a dissolution), and trade out of proportion to size.
 *
 * <p>Ties: an address, phone or e-mail counts when shared by at most {@code maxAddressSharing}
 * companies (a registered agent's address or a serviced office ties nobody); an officer counts up
 * to {@code maxBoards} boards, because a nominee director sitting on many boards is itself a sign.
 * An old, large corporate group sharing one headquarters forms a cluster but scores low.
 *
 * <p>Method: union-find over the ties (O(n α(n))), then one pass per cluster, O(m log m) for its m
 * members and ties.
 */
public final class ShellClusterDetector {

    public static final int MAX_ADDRESS_SHARING_DEFAULT = ControlGroups.MAX_SHARING_DEFAULT;
    public static final int MAX_BOARDS_DEFAULT = 40;
    public static final int PHOENIX_DAYS_DEFAULT = 365;
    public static final double YOUNG_YEARS = 2.0;
    public static final int TINY_HEADCOUNT = 5;

    /** The kind of a shared identifier; officers are judged differently from places. */
    public enum Tie {
        ADDRESS,
        PHONE,
        EMAIL,
        OFFICER
    }

    /**
     * One shared identifier: its kind, its key, the companies that share it, and how a reader knows
     * it (an officer's name, an address as written).
     */
    public record SharedIdentifier(Tie tie, String key, Set<String> companies, String caption) {

        public SharedIdentifier(Tie tie, String key, Set<String> companies) {
            this(tie, key, companies, key);
        }
    }

    private final int maxAddressSharing;
    private final int maxBoards;
    private final int phoenixDays;

    public ShellClusterDetector() {
        this(MAX_ADDRESS_SHARING_DEFAULT, MAX_BOARDS_DEFAULT, PHOENIX_DAYS_DEFAULT);
    }

    public ShellClusterDetector(int maxAddressSharing, int maxBoards, int phoenixDays) {
        if (maxAddressSharing < 2 || maxBoards < 2 || phoenixDays < 1) {
            throw new IllegalArgumentException("sharing limits must be at least 2 and phoenixDays positive");
        }
        this.maxAddressSharing = maxAddressSharing;
        this.maxBoards = maxBoards;
        this.phoenixDays = phoenixDays;
    }

    /** Clusters of at least two companies, highest score first. */
    public List<ShellCluster> detect(Collection<CompanyFacts> companies, Collection<SharedIdentifier> identifiers) {
        var facts = new HashMap<String, CompanyFacts>();
        companies.forEach(c -> facts.put(c.id(), c));
        var ties = identifiers.stream().filter(this::ties).toList();
        // The caps per kind of tie were applied above; every remaining tie counts.
        var groups = ControlGroups.of(ties, Integer.MAX_VALUE);
        var tiesByCluster = new TreeMap<String, List<SharedIdentifier>>();
        for (SharedIdentifier id : ties) {
            tiesByCluster
                    .computeIfAbsent(groups.partyOf(id.companies().iterator().next()), k -> new ArrayList<>())
                    .add(id);
        }
        double typicalVolume = typicalVolumePerEmployee(companies);
        var clusters = new ArrayList<ShellCluster>();
        for (Set<String> members : groups.groups()) {
            clusters.add(score(
                    members,
                    tiesByCluster.getOrDefault(groups.partyOf(members.iterator().next()), List.of()),
                    facts,
                    typicalVolume));
        }
        clusters.sort(Comparator.comparingDouble(ShellCluster::score)
                .reversed()
                .thenComparing(c -> c.companies().getFirst()));
        return clusters;
    }

    private boolean ties(SharedIdentifier id) {
        int n = id.companies().size();
        return n >= 2 && n <= (id.tie() == Tie.OFFICER ? maxBoards : maxAddressSharing);
    }

    private ShellCluster score(
            Set<String> members, List<SharedIdentifier> ties, Map<String, CompanyFacts> facts, double typicalVolume) {
        var known = members.stream().map(facts::get).filter(f -> f != null).toList();
        long young = known.stream()
                .filter(f -> f.yearsOldAtFirstDeclaration() < YOUNG_YEARS)
                .count();
        long aged = known.stream()
                .filter(f -> !Double.isNaN(f.yearsOldAtFirstDeclaration()))
                .count();
        double youngShare = aged == 0 ? 0 : (double) young / aged;
        double[] headcounts = known.stream()
                .filter(f -> f.employees() != null)
                .mapToDouble(CompanyFacts::employees)
                .sorted()
                .toArray();
        double medianEmployees = headcounts.length == 0 ? Double.NaN : median(headcounts);
        int dissolved =
                (int) known.stream().filter(f -> f.dissolvedOn() != null).count();
        var phoenixes = phoenixes(known, ties);
        double employees = Arrays.stream(headcounts).sum();
        double traded = known.stream().mapToDouble(CompanyFacts::tradedUsd).sum();
        double volumePerEmployee = traded / Math.max(1, employees);

        // Each sign scores 0..1; the cluster score is their mean, so no single sign decides.
        double tiny = Double.isNaN(medianEmployees)
                ? 0.5
                : medianEmployees <= TINY_HEADCOUNT ? 1 : Math.max(0, 1 - (medianEmployees - TINY_HEADCOUNT) / 45);
        double dissolution = Math.min(1, dissolved / (double) Math.max(1, members.size()) * 2);
        double phoenix = phoenixes.isEmpty() ? 0 : 1;
        double outOfProportion =
                typicalVolume <= 0 ? 0 : Math.min(1, Math.max(0, Math.log10(volumePerEmployee / typicalVolume) / 2));
        double nominee = ties.stream()
                        .anyMatch(t -> t.tie() == Tie.OFFICER && t.companies().size() >= 3)
                ? 1
                : 0;
        double score = (youngShare + tiny + dissolution + phoenix + outOfProportion + nominee) / 6;

        var described = ties.stream()
                .sorted(Comparator.comparing(
                                (SharedIdentifier t) -> t.companies().size())
                        .reversed()
                        .thenComparing(SharedIdentifier::key))
                .map(t -> t.tie() == Tie.OFFICER
                        ? "officer " + t.caption() + " on " + t.companies().size() + " boards"
                        : t.tie().name().toLowerCase() + " " + t.caption())
                .distinct()
                .toList();
        return new ShellCluster(
                List.copyOf(new TreeSet<>(members)),
                score,
                described,
                youngShare,
                medianEmployees,
                dissolved,
                phoenixes,
                volumePerEmployee);
    }

    /** Members registered within phoenixDays after a dissolved member that shares an officer or address with them. */
    private List<String> phoenixes(List<CompanyFacts> members, List<SharedIdentifier> ties) {
        var found = new ArrayList<String>();
        for (SharedIdentifier tie : ties) {
            if (tie.tie() != Tie.OFFICER && tie.tie() != Tie.ADDRESS) {
                continue;
            }
            for (CompanyFacts old : members) {
                if (old.dissolvedOn() == null || !tie.companies().contains(old.id())) {
                    continue;
                }
                for (CompanyFacts successor : members) {
                    if (successor == old
                            || successor.registeredOn() == null
                            || !tie.companies().contains(successor.id())) {
                        continue;
                    }
                    long days = successor.registeredOn().toEpochDay()
                            - old.dissolvedOn().toEpochDay();
                    // A successor is often set up shortly before the old company is wound up.
                    if (days >= -90 && days <= phoenixDays) {
                        String phoenix = old.id() + " -> " + successor.id() + " (" + days + " days)";
                        if (!found.contains(phoenix)) {
                            found.add(phoenix);
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Median value traded per employee over companies with a known headcount and some trade. */
    private static double typicalVolumePerEmployee(Collection<CompanyFacts> companies) {
        double[] values = companies.stream()
                .filter(c -> c.employees() != null && c.tradedUsd() > 0)
                .mapToDouble(c -> c.tradedUsd() / Math.max(1, c.employees()))
                .sorted()
                .toArray();
        return values.length == 0 ? 0 : median(values);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
