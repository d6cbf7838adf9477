package customs.risk.engine.ranking;

import customs.risk.engine.network.CircularTradeDetector;
import customs.risk.engine.network.ControlGroups;
import customs.risk.engine.network.RiskSpreading;
import customs.risk.engine.network.ShellCluster;
import customs.risk.engine.network.ShellClusterDetector;
import customs.risk.engine.network.TradeLoop;
import customs.risk.engine.learning.InspectionLearner;
import customs.risk.engine.price.DenseAutoencoder;
import customs.risk.engine.price.PriceEvidence;
import customs.risk.engine.price.PriceModel;
import customs.risk.engine.trade.CompanyFacts;
import customs.risk.engine.trade.Shipment;
import customs.risk.engine.trade.TradeData;
import java.time.Instant;
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
 * the risk of its seller or buyer; for companies, loops, shell clusters, a pattern of deviating
 * prices and risk spread from confirmed offenders. On top of these rules, what was learnt from
 * inspection outcomes adds its lift. {@link #train} fits the price and inspection models (a
 * {@link RiskModel}) and scores with them; {@link #score(TradeData, RiskModel)} rescores with a
 * model trained before; {@link #scoreNew} scores newly filed declarations alone.
 */
public final class RiskScorer {

    /** Share of a loop's strength that each of its legs carries. */
    static final double LEG_WEIGHT = 0.6;
    /** Share of a risky trader's score that each of its declarations carries. */
    static final double CONTEXT_WEIGHT = 0.35;
    /** Share of spread risk a company takes on from offending neighbours. */
    static final double SPREAD_WEIGHT = 0.5;
    /** A shared officer, address or phone counts like this many declarations between two companies. */
    static final double CONTROL_LINK_WEIGHT = 5;

    private final RiskSettings settings;
    private final DenseAutoencoder.Settings autoencoder;

    public RiskScorer(RiskSettings settings) {
        this(settings, DenseAutoencoder.Settings.DEFAULTS);
    }

    public RiskScorer(RiskSettings settings, DenseAutoencoder.Settings autoencoder) {
        this.settings = settings;
        this.autoencoder = autoencoder;
    }

    /** A model just trained and the scores it gives the data it learnt from. */
    public record Trained(RiskModel model, RiskAssessment assessment) {}

    /** The graph features of one run, computed before any model is applied. */
    private record GraphFeatures(List<TradeLoop> loops, List<ShellCluster> clusters) {}

    /** The rule layer's outcome: signals per item and the features the inspection model reads. */
    private record Rules(Map<String, Signals> declarations, List<ScoredItem> entities,
            Map<String, double[]> features) {}

    /** Fits new models on {@code data} (price model, then the inspection model) and scores it with them. */
    public Trained train(TradeData data, String version) {
        var stages = new Stopwatch();
        var graph = graphFeatures(data, stages);
        var price = PriceModel.fit(data.shipments(), data.violations(), settings.minPeers(), autoencoder);
        stages.lap("price model fit");
        var rules = rules(data, graph, price, stages);
        var inspections = InspectionLearner.fit(data.shipments(), data.violations(), rules.features(),
                InspectionLearner.SETTINGS_DEFAULT);
        stages.lap("supervised fit");
        var facts = new LinkedHashMap<String, String>();
        facts.put("declarations", Integer.toString(data.shipments().size()));
        facts.put("companies", Integer.toString(data.companies().size()));
        facts.put("inspections", Integer.toString(data.violations().size()));
        facts.put("price.backtest", price.backtest().describe());
        facts.put("seconds.autoencoder-fit", String.format("%.2f", price.autoencoderFitSeconds()));
        facts.put("autoencoder.trainingRows", Integer.toString(price.autoencoderTrainingRows()));
        facts.put("inspectionModel", inspections.map(m -> String.format(
                "boosted trees on %d inspections, violation rate %.3f", m.inspections(), m.violationRate()))
                .orElse("none: too few inspections or violations"));
        stages.laps().forEach((stage, time) -> facts.put("seconds." + stage.replace(' ', '-'),
                String.format("%.2f", time.toMillis() / 1000.0)));
        var model = new RiskModel(version, Instant.now(), price, inspections, facts);
        return new Trained(model, finish(data, rules, model, stages));
    }

    /** Rescores {@code data} with a model trained before: graph features anew, models as they were. */
    public RiskAssessment score(TradeData data, RiskModel model) {
        var stages = new Stopwatch();
        var graph = graphFeatures(data, stages);
        return finish(data, rules(data, graph, model.price(), stages), model, stages);
    }

    /** Trains on {@code data} and scores it, keeping no model. */
    public RiskAssessment score(TradeData data) {
        return train(data, "unsaved").assessment();
    }

    /**
     * Scores newly filed declarations alone with a trained model: their prices against the model's
     * peers, the current scores of their traders ({@code parties}, by company id), and the inspection
     * model. Loops and clusters they may complete are found at the next full rescoring.
     */
    public List<ScoredItem> scoreNew(List<Shipment> fresh, Map<String, ScoredItem> parties, RiskModel model) {
        return scoreNew(fresh, parties, model, settings.thresholds());
    }

    /**
     * As {@link #scoreNew(List, Map, RiskModel)}, with lanes from {@code cut}: under lanes by
     * inspection capacity, the cut of the last full scoring, so that new declarations meet the same
     * bar as those already scored.
     */
    public List<ScoredItem> scoreNew(List<Shipment> fresh, Map<String, ScoredItem> parties, RiskModel model,
            LaneCut cut) {
        var signals = new HashMap<String, Signals>();
        var priceStrength = priceSignals(fresh, model.price(), signals, null);
        addTraderContext(fresh, parties, signals);
        var features = features(fresh, signals, priceStrength, Map.of(), parties);
        applyInspectionModel(fresh, features, model, signals);
        return explore(laned(ranked(signals, fresh), cut), model.version());
    }

    private GraphFeatures graphFeatures(TradeData data, Stopwatch stages) {
        var control = ControlGroups.of(data.identifiers(), ControlGroups.MAX_SHARING_DEFAULT);
        List<TradeLoop> loops = new CircularTradeDetector().detect(data.shipments(), control);
        stages.lap("loops");
        List<ShellCluster> clusters = new ShellClusterDetector().detect(data.companies(), data.identifiers());
        stages.lap("clusters");
        return new GraphFeatures(loops, clusters);
    }

    private Rules rules(TradeData data, GraphFeatures graph, PriceModel price, Stopwatch stages) {
        var declarationSignals = new HashMap<String, Signals>();
        var entitySignals = new LinkedHashMap<String, Signals>();
        data.companies().forEach(c -> entitySignals.put(c.id(), new Signals()));
        var loopStrength = new HashMap<String, Double>();
        for (TradeLoop loop : graph.loops()) {
            double strength = Math.min(0.95, 0.6 + 0.1 * loop.rounds());
            loop.declarationIds().forEach(id -> loopStrength.merge(id, strength, Math::max));
            // A loop indicts its traders more than any single leg, which may be priced fairly.
            loop.declarationIds().forEach(id -> signals(declarationSignals, id).add(LEG_WEIGHT * strength,
                    loop.describe()));
            loop.companies().forEach(id -> signals(entitySignals, id).add(strength, loop.describe()));
        }
        var facts = new HashMap<String, CompanyFacts>();
        data.companies().forEach(c -> facts.put(c.id(), c));
        for (ShellCluster cluster : graph.clusters()) {
            for (String id : cluster.companies()) {
                double own = ownShellSigns(facts.get(id), cluster);
                signals(entitySignals, id).add(cluster.score() * (0.5 + 0.5 * own), cluster.describe());
            }
        }
        var flaggedPrices = new HashMap<String, List<PriceEvidence.Signal>>();
        var priceStrength = priceSignals(data.shipments(), price, declarationSignals, flaggedPrices);
        stages.lap("price scoring");
        var declarationsPer = new HashMap<String, Integer>();
        for (Shipment s : data.shipments()) {
            declarationsPer.merge(s.buyerId(), 1, Integer::sum);
            declarationsPer.merge(s.sellerId(), 1, Integer::sum);
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
        var entities = ranked(entitySignals, null);
        var entityScore = new HashMap<String, ScoredItem>();
        entities.forEach(e -> entityScore.put(e.id(), e));
        addTraderContext(data.shipments(), entityScore, declarationSignals);
        var features = features(data.shipments(), declarationSignals, priceStrength, loopStrength, entityScore);
        stages.lap("combining signals");
        return new Rules(declarationSignals, entities, features);
    }

    /**
     * Adds each priced item's evidence to {@code signals}; with {@code flagged} given, also collects
     * strong price signals per trader. Returns the price strength per declaration.
     */
    private Map<String, Double> priceSignals(List<Shipment> shipments, PriceModel price,
            Map<String, Signals> signals, Map<String, List<PriceEvidence.Signal>> flagged) {
        var evidence = PriceEvidence.of(shipments, price.deviations(shipments), settings.priceZThreshold());
        var strength = new HashMap<String, Double>();
        for (Shipment s : shipments) {
            var signal = evidence.signal(s.declarationId());
            if (signal != null) {
                strength.put(s.declarationId(), signal.strength());
                signals(signals, s.declarationId()).add(signal.strength(), signal.reason());
                if (flagged != null && signal.strength() >= 0.5) {
                    flagged.computeIfAbsent(s.buyerId(), k -> new ArrayList<>()).add(signal);
                    flagged.computeIfAbsent(s.sellerId(), k -> new ArrayList<>()).add(signal);
                }
            }
        }
        return strength;
    }

    /** A declaration carries part of the risk of a seller or buyer that is not in the green lane. */
    private static void addTraderContext(List<Shipment> shipments, Map<String, ScoredItem> entityScore,
            Map<String, Signals> signals) {
        for (Shipment s : shipments) {
            for (String party : List.of(s.sellerId(), s.buyerId())) {
                var entity = entityScore.get(party);
                if (entity != null && entity.lane() != Lane.GREEN && !entity.reasons().isEmpty()) {
                    String role = party.equals(s.sellerId()) ? "seller " : "buyer ";
                    signals(signals, s.declarationId()).add(CONTEXT_WEIGHT * entity.score(), role + party + " is "
                            + entity.lane().name().toLowerCase() + " (" + String.format("%.2f", entity.score())
                            + "): " + entity.reasons().getFirst());
                }
            }
        }
    }

    /** The rule signals the inspection model reads, per declaration. */
    private static Map<String, double[]> features(List<Shipment> shipments, Map<String, Signals> signals,
            Map<String, Double> priceStrength, Map<String, Double> loopStrength, Map<String, ScoredItem> entityScore) {
        var features = new HashMap<String, double[]>(shipments.size() * 2);
        for (Shipment s : shipments) {
            var rules = signals.get(s.declarationId());
            features.put(s.declarationId(), new double[] {rules == null ? 0 : rules.score(),
                    priceStrength.getOrDefault(s.declarationId(), 0.0), loopStrength.getOrDefault(s.declarationId(), 0.0),
                    score(entityScore.get(s.sellerId())), score(entityScore.get(s.buyerId()))});
        }
        return features;
    }

    private RiskAssessment finish(TradeData data, Rules rules, RiskModel model, Stopwatch stages) {
        applyInspectionModel(data.shipments(), rules.features(), model, rules.declarations());
        var ranked = ranked(rules.declarations(), data.shipments());
        var cut = settings.byCapacity() ? LaneCut.byCapacity(ranked.stream().mapToDouble(ScoredItem::score).toArray(),
                settings.redShare(), settings.yellowShare()) : settings.thresholds();
        var declarations = explore(laned(ranked, cut), model.version());
        stages.lap("scoring");
        return new RiskAssessment(model.version(), declarations, rules.entities(), stages.laps());
    }

    /** Adds, to every declaration the inspection model finds riskier than the base rate, the lift as a signal. */
    private static void applyInspectionModel(List<Shipment> shipments, Map<String, double[]> features,
            RiskModel model, Map<String, Signals> signals) {
        if (model.inspections().isEmpty()) {
            return;
        }
        var learned = model.inspections().get();
        double base = learned.violationRate();
        learned.predict(shipments, features).forEach((id, p) -> {
            double lift = (p - base) / (1 - base);
            if (lift > 0) {
                signals(signals, id).add(lift, String.format(
                        "inspections: violation probability %.2f against a base rate of %.2f (learnt from %,d inspected)",
                        p, base, learned.inspections()));
            }
        });
    }

    /**
     * Sends a random share of the declarations not already red to the red lane, saying so. The draw
     * hangs on the declaration id and the model version, so rescoring with the same model keeps it.
     */
    private List<ScoredItem> explore(List<ScoredItem> declarations, String version) {
        if (settings.explorationShare() == 0) {
            return declarations;
        }
        String reason = String.format("random selection for inspection (exploration share %.1f%%), so that "
                + "inspection outcomes also cover declarations the model finds safe", 100 * settings.explorationShare());
        var result = new ArrayList<ScoredItem>(declarations.size());
        for (ScoredItem item : declarations) {
            if (item.lane() != Lane.RED && uniform(item.id() + "|" + version) < settings.explorationShare()) {
                var reasons = new ArrayList<String>();
                reasons.add(reason);
                reasons.addAll(item.reasons());
                result.add(new ScoredItem(item.id(), item.score(), Lane.RED, reasons));
            } else {
                result.add(item);
            }
        }
        return result;
    }

    /** A stable draw in [0, 1) from a text (64-bit FNV-1a, then a finalizing mix). */
    static double uniform(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
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

    /**
     * Items riskiest first; with {@code all} given, declarations without any signal are included
     * with score 0, so every declaration gets a score.
     */
    private List<ScoredItem> ranked(Map<String, Signals> signals, List<Shipment> all) {
        if (all != null) {
            all.forEach(s -> signals(signals, s.declarationId()));
        }
        return signals.entrySet().stream()
                .map(e -> e.getValue().toItem(e.getKey(), settings))
                .sorted(Comparator.comparingDouble(ScoredItem::score).reversed().thenComparing(ScoredItem::id))
                .toList();
    }

    /** The items with their lanes by {@code cut}. */
    private static List<ScoredItem> laned(List<ScoredItem> items, LaneCut cut) {
        return items.stream().map(item -> {
            Lane lane = cut.laneOf(item.score());
            return lane == item.lane() ? item : new ScoredItem(item.id(), item.score(), lane, item.reasons());
        }).toList();
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
