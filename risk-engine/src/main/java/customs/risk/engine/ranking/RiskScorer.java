package customs.risk.engine.ranking;

import customs.risk.engine.network.CircularTradeDetector;
import customs.risk.engine.network.ControlGroups;
import customs.risk.engine.network.RiskSpreading;
import customs.risk.engine.network.ShellCluster;
import customs.risk.engine.network.ShellClusterDetector;
import customs.risk.engine.network.TradeLoop;
import customs.risk.engine.learning.InspectionLearner;
import customs.risk.engine.price.PeerPriceBaseline;
import customs.risk.engine.price.PriceEvidence;
import customs.risk.engine.trade.CompanyFacts;
import customs.risk.engine.trade.Shipment;
import customs.risk.engine.trade.TradeData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines the detectors into one explained score per declaration and per company. Each signal
 * becomes a probability-like strength in [0, 1] with its reason; signals combine by noisy-or
 * (1 - product of (1 - s)), so independent evidence adds up without leaving [0, 1] and the
 * strongest reason leads.
 *
 * <p>Signals: for declarations, the unit price against its peers, membership of a trade loop, and
 * the risk of its seller or buyer; for companies, loops, shell clusters and a pattern of deviating
 * prices. This is the rule layer; learning from inspection outcomes comes on top of it.
 */
public final class RiskScorer {

    public static final String MODEL = "rules-2";
    /** Share of a loop's strength that each of its legs carries. */
    static final double LEG_WEIGHT = 0.6;
    /** Share of a risky trader's score that each of its declarations carries. */
    static final double CONTEXT_WEIGHT = 0.35;
    /** Share of spread risk a company takes on from offending neighbours. */
    static final double SPREAD_WEIGHT = 0.5;
    /** A shared officer, address or phone counts like this many declarations between two companies. */
    static final double CONTROL_LINK_WEIGHT = 5;

    private final RiskSettings settings;

    public RiskScorer(RiskSettings settings) {
        this.settings = settings;
    }

    public RiskAssessment score(TradeData data) {
        var stages = new Stopwatch();
        var control = ControlGroups.of(data.identifiers(), ControlGroups.MAX_SHARING_DEFAULT);
        List<TradeLoop> loops = new CircularTradeDetector().detect(data.shipments(), control);
        stages.lap("loops");
        List<ShellCluster> clusters = new ShellClusterDetector().detect(data.companies(), data.identifiers());
        stages.lap("clusters");
        var prices = PeerPriceBaseline.fit(data.shipments(), settings.minPeers());

        var declarationSignals = new HashMap<String, Signals>();
        var entitySignals = new LinkedHashMap<String, Signals>();
        data.companies().forEach(c -> entitySignals.put(c.id(), new Signals()));
        var loopStrength = new HashMap<String, Double>();
        var priceStrength = new HashMap<String, Double>();
        for (TradeLoop loop : loops) {
            double strength = Math.min(0.95, 0.6 + 0.1 * loop.rounds());
            loop.declarationIds().forEach(id -> loopStrength.merge(id, strength, Math::max));
            // A loop indicts its traders more than any single leg, which may be priced fairly.
            loop.declarationIds().forEach(id -> signals(declarationSignals, id).add(LEG_WEIGHT * strength,
                    loop.describe()));
            loop.companies().forEach(id -> signals(entitySignals, id).add(strength, loop.describe()));
        }
        var facts = new HashMap<String, CompanyFacts>();
        data.companies().forEach(c -> facts.put(c.id(), c));
        for (ShellCluster cluster : clusters) {
            for (String id : cluster.companies()) {
                double own = ownShellSigns(facts.get(id), cluster);
                signals(entitySignals, id).add(cluster.score() * (0.5 + 0.5 * own), cluster.describe());
            }
        }
        var evidence = PriceEvidence.of(data.shipments(), prices, settings.priceZThreshold());
        stages.lap("price model");
        var flaggedPrices = new HashMap<String, List<PriceEvidence.Signal>>();
        var declarationsPer = new HashMap<String, Integer>();
        for (Shipment s : data.shipments()) {
            declarationsPer.merge(s.buyerId(), 1, Integer::sum);
            declarationsPer.merge(s.sellerId(), 1, Integer::sum);
            var signal = evidence.signal(s.declarationId());
            if (signal != null) {
                priceStrength.put(s.declarationId(), signal.strength());
                signals(declarationSignals, s.declarationId()).add(signal.strength(), signal.reason());
                if (signal.strength() >= 0.5) {
                    flaggedPrices.computeIfAbsent(s.buyerId(), k -> new ArrayList<>()).add(signal);
                    flaggedPrices.computeIfAbsent(s.sellerId(), k -> new ArrayList<>()).add(signal);
                }
            }
        }
        flaggedPrices.forEach((company, flagged) -> {
            int total = declarationsPer.getOrDefault(company, flagged.size());
            double share = (double) flagged.size() / total;
            double strength = Math.min(1, 3 * share) * (1 - Math.exp(-flagged.size() / 2.0));
            var strongest = flagged.stream().max(Comparator.comparingDouble(PriceEvidence.Signal::strength))
                    .orElseThrow();
            signals(entitySignals, company).add(strength, String.format(
                    "%d of %d declarations priced far from their peers, e.g. %s", flagged.size(), total,
                    strongest.reason()));
        });

        spreadRisk(data, entitySignals);
        stages.lap("risk spreading");
        var entities = ranked(entitySignals);
        var entityScore = new HashMap<String, ScoredItem>();
        entities.forEach(e -> entityScore.put(e.id(), e));
        for (Shipment s : data.shipments()) {
            var signals = signals(declarationSignals, s.declarationId());
            for (String party : List.of(s.sellerId(), s.buyerId())) {
                var entity = entityScore.get(party);
                if (entity != null && entity.lane() != Lane.GREEN && !entity.reasons().isEmpty()) {
                    String role = party.equals(s.sellerId()) ? "seller " : "buyer ";
                    signals.add(CONTEXT_WEIGHT * entity.score(), role + party + " is " + entity.lane().name().toLowerCase()
                            + " (" + String.format("%.2f", entity.score()) + "): " + entity.reasons().getFirst());
                }
            }
        }
        stages.lap("combining signals");
        String model = learnFromInspections(data, declarationSignals, entityScore, loopStrength, priceStrength);
        stages.lap("supervised fit");
        var declarations = ranked(declarationSignals);
        stages.lap("scoring");
        return new RiskAssessment(model, declarations, entities, stages.laps());
    }

    /** Wall-clock time per stage, in order. */
    private static final class Stopwatch {
        private final Map<String, java.time.Duration> laps = new LinkedHashMap<>();
        private long last = System.nanoTime();

        void lap(String stage) {
            long now = System.nanoTime();
            laps.put(stage, java.time.Duration.ofNanos(now - last));
            last = now;
        }

        Map<String, java.time.Duration> laps() {
            return laps;
        }
    }

    /**
     * Trains on the inspected declarations and adds, to every declaration the model finds riskier
     * than the base rate, the lift as a signal; returns the model version.
     */
    private String learnFromInspections(TradeData data, Map<String, Signals> declarationSignals,
            Map<String, ScoredItem> entityScore, Map<String, Double> loopStrength, Map<String, Double> priceStrength) {
        var features = new HashMap<String, double[]>();
        for (Shipment s : data.shipments()) {
            var rules = declarationSignals.get(s.declarationId());
            features.put(s.declarationId(), new double[] {rules == null ? 0 : rules.score(),
                    priceStrength.getOrDefault(s.declarationId(), 0.0), loopStrength.getOrDefault(s.declarationId(), 0.0),
                    score(entityScore.get(s.sellerId())), score(entityScore.get(s.buyerId()))});
        }
        var learned = InspectionLearner.learn(data.shipments(), data.violations(), features,
                InspectionLearner.SETTINGS_DEFAULT);
        if (learned.isEmpty()) {
            return MODEL;
        }
        var model = learned.get();
        double base = model.violationRate();
        model.probability().forEach((id, p) -> {
            double lift = (p - base) / (1 - base);
            if (lift > 0) {
                signals(declarationSignals, id).add(lift, String.format(
                        "inspections: violation probability %.2f against a base rate of %.2f (learnt from %,d inspected)",
                        p, base, model.inspections()));
            }
        });
        return MODEL + "+inspections-" + model.inspections();
    }

    private static double score(ScoredItem item) {
        return item == null ? 0 : item.score();
    }

    /**
     * Passes the risk of confirmed offenders (companies whose declarations inspections found in
     * violation) on to their trade partners and co-controlled companies (personalized PageRank), so
     * a company next to an offender rises, with the offender named.
     */
    private void spreadRisk(TradeData data, Map<String, Signals> entitySignals) {
        var seeds = new HashMap<String, Double>();
        for (Shipment s : data.shipments()) {
            if (Boolean.TRUE.equals(data.violations().get(s.declarationId()))) {
                seeds.merge(s.buyerId(), 1.0, Double::sum);
                seeds.merge(s.sellerId(), 1.0, Double::sum);
            }
        }
        if (seeds.isEmpty()) {
            return;
        }
        var weights = new HashMap<List<String>, Double>();
        for (Shipment s : data.shipments()) {
            if (!s.sellerId().equals(s.buyerId())) {
                var pair = s.sellerId().compareTo(s.buyerId()) < 0 ? List.of(s.sellerId(), s.buyerId())
                        : List.of(s.buyerId(), s.sellerId());
                weights.merge(pair, 1.0, Double::sum);
            }
        }
        for (var identifier : data.identifiers()) {
            var members = identifier.companies().stream().sorted().toList();
            if (members.size() > ControlGroups.MAX_SHARING_DEFAULT) {
                continue;
            }
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    weights.merge(List.of(members.get(i), members.get(j)), CONTROL_LINK_WEIGHT, Double::sum);
                }
            }
        }
        var links = weights.entrySet().stream()
                .map(e -> new RiskSpreading.Link(e.getKey().get(0), e.getKey().get(1), e.getValue())).toList();
        new RiskSpreading(RiskSpreading.DAMPING_DEFAULT).spread(seeds, links).forEach((company, spread) -> {
            double strength = SPREAD_WEIGHT * spread.score();
            if (strength >= 0.05 && entitySignals.containsKey(company)) {
                String via = seeds.containsKey(spread.via())
                        ? String.format("trades with or shares control with %s, found in violation %.0f times",
                                spread.via(), seeds.get(spread.via()))
                        : "linked through " + spread.via() + " to companies found in violation";
                signals(entitySignals, company).add(strength, via + String.format("; risk passed on: %.2f", strength));
            }
        });
    }

    /** How much a member itself looks like a shell (young, tiny, dissolved), 0 to 1. */
    private static double ownShellSigns(CompanyFacts company, ShellCluster cluster) {
        if (company == null) {
            return 0.5;
        }
        double young = company.yearsOldAtFirstDeclaration() < ShellClusterDetector.YOUNG_YEARS ? 1 : 0;
        double tiny = company.employees() == null ? 0.5
                : company.employees() <= ShellClusterDetector.TINY_HEADCOUNT ? 1 : 0;
        double ended = company.dissolvedOn() != null
                || cluster.phoenixes().stream().anyMatch(p -> p.contains(company.id())) ? 1 : 0;
        return (young + tiny + ended) / 3;
    }

    private List<ScoredItem> ranked(Map<String, Signals> signals) {
        return signals.entrySet().stream()
                .map(e -> e.getValue().toItem(e.getKey(), settings))
                .sorted(Comparator.comparingDouble(ScoredItem::score).reversed().thenComparing(ScoredItem::id))
                .toList();
    }

    private static Signals signals(Map<String, Signals> map, String id) {
        return map.computeIfAbsent(id, k -> new Signals());
    }

    /** The signals of one item: strengths and reasons, combined by noisy-or. */
    private static final class Signals {
        private final List<Double> strengths = new ArrayList<>();
        private final List<String> reasons = new ArrayList<>();

        void add(double strength, String reason) {
            if (strength > 0 && !reasons.contains(reason)) {
                strengths.add(Math.min(1, strength));
                reasons.add(reason);
            }
        }

        /** Noisy-or of the strengths. */
        double score() {
            double keep = 1;
            for (double s : strengths) {
                keep *= 1 - s;
            }
            return 1 - keep;
        }

        ScoredItem toItem(String id, RiskSettings settings) {
            double score = score();
            var order = new ArrayList<Integer>();
            for (int i = 0; i < reasons.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingDouble((Integer i) -> strengths.get(i)).reversed());
            return new ScoredItem(id, score, settings.laneOf(score), order.stream().map(reasons::get).toList());
        }
    }
}
