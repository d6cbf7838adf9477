package customs.risk.engine.ranking;

import customs.risk.engine.anomaly.DeclarationAnomaly;
import customs.risk.engine.learning.FeatureTable;
import customs.risk.engine.learning.LearnedScore;
import customs.risk.engine.network.CircularTradeDetector;
import customs.risk.engine.network.ControlGroups;
import customs.risk.engine.network.RiskSpreading;
import customs.risk.engine.network.ShellCluster;
import customs.risk.engine.network.ShellClusterDetector;
import customs.risk.engine.network.TradeLoop;
import customs.risk.engine.price.DenseAutoencoder;
import customs.risk.engine.price.PriceDeviation;
import customs.risk.engine.price.PriceEvidence;
import customs.risk.engine.price.PriceLineModes;
import customs.risk.engine.price.PriceModel;
import customs.risk.engine.ranking.DeclarationScoring.Signal;
import customs.risk.engine.ranking.EntityScoring.Evidence;
import customs.risk.engine.ranking.EntityScoring.History;
import customs.risk.engine.stats.Poisson;
import customs.risk.engine.trade.CompanyFacts;
import customs.risk.engine.trade.DoubleColumn;
import customs.risk.engine.trade.Shipment;
import customs.risk.engine.trade.TextColumn;
import customs.risk.engine.trade.TradeData;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * One explained, calibrated risk score per declaration and per company.
 *
 * <p>The detectors give rule signals, each a strength in [0, 1] with its reason: for declarations
 * the unit price against its peers, the legs of a trade loop, and the network of its seller and
 * buyer; for companies loops, shell clusters, a pattern of deviating prices, and risk spread from
 * offenders. Their noisy-or is the rule prior, the score where nothing was learnt yet.
 *
 * <p>Where inspection outcomes exist, the score is learnt ({@link LearnedScore}): a calibrated
 * violation probability from every detector's signal, the risk profiles of the parties, goods,
 * origin and office, and every other column the declarations carry, with the rule prior weighted
 * as a time-ordered backtest decides. Reasons then say how much each signal moved the score.
 * Companies get the same at their level ({@link EntityScoring}).
 *
 * <p>{@link #train} fits the models (a {@link RiskModel}) and scores with them;
 * {@link #score(TradeData, RiskModel)} rescores with a model trained before; {@link #scoreNew}
 * scores newly filed declarations alone.
 */
public final class RiskScorer {

    /** Share of a loop's strength that each of its legs carries. */
    static final double LEG_WEIGHT = 0.6;
    /** Share of a risky trader's network score that each of its declarations carries in the prior. */
    static final double CONTEXT_WEIGHT = 0.35;
    /** Share of spread risk a company takes on from offending neighbours. */
    static final double SPREAD_WEIGHT = 0.5;
    /** A shared officer, address or phone counts like this many declarations between two companies. */
    static final double CONTROL_LINK_WEIGHT = 5;
    /** Share of inspected declarations, oldest first, whose outcomes make a company's history when it learns. */
    static final double HISTORY_SHARE = 0.7;
    /** Declarations explained, laned and handed on at a time: reasons are held for one page only. */
    private static final int PAGE_DEFAULT = 50_000;
    /** Most reasons kept per item: the signals that moved its score the most. */
    static final int REASONS = 4;
    /** A signal that moved a score by less than this many probability points goes unmentioned. */
    static final double SMALLEST_EFFECT = 0.01;

    static final String HELD_OUT = "inspected: scored by trees that never saw this declaration's outcome";
    /** Items at a deviating price level beyond chance over which a trader's pattern approaches full strength. */
    static final double MISPRICED_ITEMS_SCALE = 3;
    /** Strength of a loop that is barely beyond chance. */
    static final double LOOP_BASE = 0.5;
    /** -log10 of the p-value from which a loop counts as surely beyond chance (p = 1e-4). */
    static final double LOOP_SURE_LOG10_P = 4;
    /** A company's network score from which its declarations carry part of it in their prior. */
    static final double CONTEXT_MIN = 0.3;

    private final RiskSettings settings;
    private final DenseAutoencoder.Settings autoencoder;
    private final LearnedScore.Settings learning;
    private final boolean wholeDeclarationAutoencoder;
    private final int pageSize;

    public RiskScorer(RiskSettings settings) {
        this(settings, DenseAutoencoder.Settings.DEFAULTS);
    }

    public RiskScorer(RiskSettings settings, DenseAutoencoder.Settings autoencoder) {
        this(settings, autoencoder, LearnedScore.Settings.DEFAULTS);
    }

    public RiskScorer(RiskSettings settings, DenseAutoencoder.Settings autoencoder, LearnedScore.Settings learning) {
        this(settings, autoencoder, learning, true, PAGE_DEFAULT);
    }

    private RiskScorer(
            RiskSettings settings,
            DenseAutoencoder.Settings autoencoder,
            LearnedScore.Settings learning,
            boolean wholeDeclarationAutoencoder,
            int pageSize) {
        this.settings = settings;
        this.autoencoder = autoencoder;
        this.learning = learning.withCapacity(settings.capacity());
        this.wholeDeclarationAutoencoder = wholeDeclarationAutoencoder;
        this.pageSize = pageSize;
    }

    /** The same scorer training no autoencoder over the whole declaration (to measure what it adds). */
    public RiskScorer withoutDeclarationAutoencoder() {
        return new RiskScorer(settings, autoencoder, learning, false, pageSize);
    }

    /** The same scorer handing declarations on in pages of {@code size}. */
    RiskScorer withPageSize(int size) {
        return new RiskScorer(settings, autoencoder, learning, wholeDeclarationAutoencoder, size);
    }

    /** A model just trained and the scores it gives the data it learnt from. */
    public record Trained(RiskModel model, RiskAssessment assessment) {}

    /** The graph features of one run, computed before any model is applied. */
    private record GraphFeatures(List<TradeLoop> loops, List<ShellCluster> clusters) {}

    /**
     * The rule layer over the shipments (by index) and companies (by index): signals with reasons,
     * the detectors' columns the learners read, each item's rule prior.
     */
    private record Rules(
            List<Shipment> shipments,
            DeclarationSignals declarationSignals,
            DoubleColumn[] declarationColumns,
            DoubleColumn declarationPrior,
            List<CompanyFacts> companies,
            Map<String, Integer> companyIndex,
            Map<String, Signals> entitySignals,
            double[][] evidence,
            Map<String, PartyContext> parties) {}

    /** Fits new models on {@code data} (price, then declarations and companies) and scores it with them. */
    public Trained train(TradeData data, String version) {
        var collected = new Collected();
        var trained = train(data, version, collected);
        return new Trained(trained.model(), collected.into(trained.assessment()));
    }

    /**
     * As {@link #train(TradeData, String)}, handing the scored declarations to {@code sink} page by
     * page, in the order of its shipments, instead of keeping them: the assessment's list of them is empty.
     */
    public Trained train(TradeData data, String version, Consumer<List<ScoredItem>> sink) {
        var stages = new Stopwatch();
        var graph = graphFeatures(data, stages);
        var price = PriceModel.fit(data.shipments(), settings.minPeers());
        stages.lap("price model fit");
        var rules = rules(data, graph, price, stages);
        Optional<DeclarationAnomaly> anomaly =
                wholeDeclarationAutoencoder && !data.shipments().isEmpty()
                        ? Optional.of(DeclarationAnomaly.fit(
                                data.shipments(),
                                i -> priceRow(rules.declarationColumns(), i),
                                data.violations(),
                                settings.minPeers(),
                                autoencoder))
                        : Optional.empty();
        stages.lap("declaration autoencoder fit");
        anomalyColumn(rules.shipments(), anomaly, rules.declarationColumns());
        stages.lap("declaration autoencoder scoring");
        var declarations = fitDeclarations(data, rules);
        stages.lap("declaration model fit");
        var entities = fitEntities(data, rules);
        stages.lap("company model fit");
        var facts = new LinkedHashMap<String, String>();
        facts.put("declarations", Integer.toString(data.shipments().size()));
        facts.put("companies", Integer.toString(data.companies().size()));
        facts.put("inspections", Integer.toString(data.violations().size()));
        facts.put(
                "declarationAutoencoder",
                anomaly.isPresent()
                        ? String.format("fitted on the whole declaration (%,d rows at most)", autoencoder.maxRows())
                        : "off");
        facts.put(
                "declarationModel",
                declarations
                        .map(m -> describe(m.model(), "inspected declarations"))
                        .orElse(tooFew(data)));
        facts.put(
                "companyModel",
                entities.map(m -> describe(m, "inspected declarations of companies"))
                        .orElse("none: too few inspections or violations after the history cut"));
        stages.laps()
                .forEach((stage, time) -> facts.put(
                        "seconds." + stage.replace(' ', '-'), String.format("%.2f", time.toMillis() / 1000.0)));
        var model = new RiskModel(version, Instant.now(), price, anomaly, declarations, entities, facts);
        return new Trained(model, finish(data, graph, rules, model, stages, sink));
    }

    /** Rescores {@code data} with a model trained before: graph features anew, models as they were. */
    public RiskAssessment score(TradeData data, RiskModel model) {
        var collected = new Collected();
        return collected.into(score(data, model, collected));
    }

    /**
     * As {@link #score(TradeData, RiskModel)}, handing the scored declarations to {@code sink} page by
     * page, in the order of its shipments, instead of keeping them: the assessment's list of them is empty.
     */
    public RiskAssessment score(TradeData data, RiskModel model, Consumer<List<ScoredItem>> sink) {
        var stages = new Stopwatch();
        var graph = graphFeatures(data, stages);
        var rules = rules(data, graph, model.price(), stages);
        anomalyColumn(rules.shipments(), model.anomaly(), rules.declarationColumns());
        stages.lap("declaration autoencoder scoring");
        return finish(data, graph, rules, model, stages, sink);
    }

    /** Declarations handed on page by page, kept and put riskiest first for an in-memory assessment. */
    private static final class Collected implements Consumer<List<ScoredItem>> {
        private final List<ScoredItem> items = new ArrayList<>();

        @Override
        public void accept(List<ScoredItem> page) {
            items.addAll(page);
        }

        RiskAssessment into(RiskAssessment assessment) {
            return assessment.withDeclarations(ranked(items));
        }
    }

    /** Trains on {@code data} and scores it, keeping no model. */
    public RiskAssessment score(TradeData data) {
        return train(data, "unsaved").assessment();
    }

    /**
     * Scores newly filed declarations alone with a trained model: their prices against the model's
     * peers, what the networks of their seller and buyer said at the last full scoring
     * ({@code parties}, by company id), and the learned score. Loops and clusters they may complete
     * are found at the next full rescoring.
     */
    public List<ScoredItem> scoreNew(List<Shipment> fresh, Map<String, PartyContext> parties, RiskModel model) {
        return scoreNew(fresh, parties, model, settings.thresholds());
    }

    /**
     * As {@link #scoreNew(List, Map, RiskModel)}, with lanes from {@code cut}: under lanes by
     * inspection capacity, the cut of the last full scoring, so that new declarations meet the same
     * bar as those already scored.
     */
    public List<ScoredItem> scoreNew(
            List<Shipment> fresh, Map<String, PartyContext> parties, RiskModel model, LaneCut cut) {
        int n = fresh.size();
        DoubleColumn[] columns = DoubleColumn.zeros(Signal.values().length, n);
        var signals = new DeclarationSignals(Map.of(), TextColumn.of(n), columns[Signal.PRICE_EVIDENCE.ordinal()]);
        priceSignals(fresh, model.price(), signals.priceReasons(), columns);
        anomalyColumn(fresh, model.anomaly(), columns);
        var prior = DoubleColumn.of(n, 0);
        for (int i = 0; i < n; i++) {
            addPartyColumns(fresh.get(i), i, parties, columns);
            prior.set(i, signals.prior(i, fresh.get(i), parties));
        }
        var collected = new ArrayList<ScoredItem>(n);
        scoreDeclarations(
                fresh, signals, columns, prior, parties, model, scores -> cut, collected::addAll, new Stopwatch());
        return ranked(collected);
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
        var shipments = data.shipments();
        int n = shipments.size();
        var companies = data.companies();
        var companyIndex = EntityScoring.index(companies);
        double[][] evidence = new double[Evidence.values().length][companies.size()];
        var loopSignals = new HashMap<String, Signals>();
        var entitySignals = new HashMap<String, Signals>();
        DoubleColumn[] columns = DoubleColumn.zeros(Signal.values().length, n);
        // Rows of loop legs only: a map of every declaration would grow with the declarations.
        var legs = new HashSet<String>();
        graph.loops().forEach(loop -> legs.addAll(loop.declarationIds()));
        var rowOf = new HashMap<String, Integer>(legs.size() * 2);
        for (int i = 0; i < n && rowOf.size() < legs.size(); i++) {
            if (legs.contains(shipments.get(i).declarationId())) {
                rowOf.put(shipments.get(i).declarationId(), i);
            }
        }

        var facts = new HashMap<String, CompanyFacts>();
        companies.forEach(c -> facts.put(c.id(), c));
        for (TradeLoop loop : graph.loops()) {
            double strength = loopStrength(loop, facts);
            double excess = loop.excessRounds();
            for (String id : loop.declarationIds()) {
                signals(loopSignals, id).add("loop", LEG_WEIGHT * strength, loop.describe());
                Integer row = rowOf.get(id);
                if (row != null) {
                    var loopStrength = columns[Signal.LOOP_STRENGTH.ordinal()];
                    loopStrength.set(row, Math.max(loopStrength.get(row), strength));
                    var loopExcess = columns[Signal.LOOP_EXCESS.ordinal()];
                    loopExcess.set(row, Math.max(loopExcess.get(row), excess));
                }
            }
            for (String company : loop.companies()) {
                // The loop's fronts first: within one loop, the younger and smaller a member, the higher.
                double own = strength * (0.85 + 0.15 * frontSigns(facts.get(company)));
                signals(entitySignals, company).add("loop", own, loop.describe());
                Integer c = companyIndex.get(company);
                if (c != null) {
                    evidence[Evidence.LOOP_STRENGTH.ordinal()][c] =
                            Math.max(evidence[Evidence.LOOP_STRENGTH.ordinal()][c], strength);
                    evidence[Evidence.LOOP_EXCESS.ordinal()][c] =
                            Math.max(evidence[Evidence.LOOP_EXCESS.ordinal()][c], excess);
                    evidence[Evidence.LOOPS.ordinal()][c]++;
                }
            }
        }
        for (ShellCluster cluster : graph.clusters()) {
            for (String id : cluster.companies()) {
                double own = ownShellSigns(facts.get(id), cluster);
                signals(entitySignals, id).add("cluster", cluster.score() * (0.25 + 0.75 * own), cluster.describe());
                Integer c = companyIndex.get(id);
                if (c != null) {
                    evidence[Evidence.CLUSTER_SCORE.ordinal()][c] =
                            Math.max(evidence[Evidence.CLUSTER_SCORE.ordinal()][c], cluster.score());
                    evidence[Evidence.OWN_SHELL_SIGNS.ordinal()][c] = own;
                    evidence[Evidence.CLUSTER_SIZE.ordinal()][c] = Math.max(
                            evidence[Evidence.CLUSTER_SIZE.ordinal()][c],
                            cluster.companies().size());
                }
            }
        }
        var declarationSignals =
                new DeclarationSignals(loopSignals, TextColumn.of(n), columns[Signal.PRICE_EVIDENCE.ordinal()]);
        priceSignals(shipments, price, declarationSignals.priceReasons(), columns);
        stages.lap("price scoring");
        mispricingSignals(shipments, columns, companyIndex, entitySignals, evidence);
        profileEvidence(companies, shipments, evidence);

        var parties = new HashMap<String, PartyContext>(companies.size() * 2);
        for (CompanyFacts c : companies) {
            var own = entitySignals.get(c.id());
            parties.put(
                    c.id(),
                    own == null || own.isEmpty()
                            ? PartyContext.NONE
                            : new PartyContext(own.prior(), own.reasons().getFirst()));
        }
        partnerEvidence(shipments, parties, companyIndex, evidence);
        var prior = DoubleColumn.of(n, 0);
        for (int i = 0; i < n; i++) {
            Shipment s = shipments.get(i);
            addPartyColumns(s, i, parties, columns);
            prior.set(i, declarationSignals.prior(i, s, parties));
        }
        stages.lap("combining signals");
        return new Rules(
                shipments,
                declarationSignals,
                columns,
                prior,
                companies,
                companyIndex,
                entitySignals,
                evidence,
                parties);
    }

    /**
     * How strongly a loop indicts its companies: the surer it is not chance (its p-value) and the
     * more rounds beyond chance, the stronger, raised when its companies look like fronts (young at
     * their first declaration, tiny); below certainty, since a loop alone proves no fraud.
     */
    private static double loopStrength(TradeLoop loop, Map<String, CompanyFacts> facts) {
        double confidence = Math.min(1, -Math.log10(Math.max(loop.pValue(), 1e-12)) / LOOP_SURE_LOG10_P);
        double magnitude = 1 - Math.exp(-loop.excessRounds() / 2);
        double fronts = loop.companies().stream()
                .mapToDouble(id -> frontSigns(facts.get(id)))
                .max()
                .orElse(0);
        return Math.min(0.95, (LOOP_BASE + (0.95 - LOOP_BASE) * confidence * magnitude) * (0.8 + 0.2 * fronts));
    }

    /** How much a company looks like a front: young at its first declaration, tiny; 0 to 1. */
    private static double frontSigns(CompanyFacts company) {
        return company == null ? 0.5 : (youth(company) + smallness(company)) / 2;
    }

    /** Near 1 well under {@link ShellClusterDetector#YOUNG_YEARS} old at the first declaration, near 0 well over; 0 unknown. */
    private static double youth(CompanyFacts company) {
        double age = company.yearsOldAtFirstDeclaration();
        return Double.isNaN(age) ? 0 : 1 / (1 + Math.exp((age - ShellClusterDetector.YOUNG_YEARS) / 0.4));
    }

    /** Near 1 for a headcount well within {@link ShellClusterDetector#TINY_HEADCOUNT}, near 0 well over; 0.5 unknown. */
    private static double smallness(CompanyFacts company) {
        Integer employees = company.employees();
        return employees == null
                ? 0.5
                : 1 / (1 + Math.exp((employees - ShellClusterDetector.TINY_HEADCOUNT - 0.5) / 1.5));
    }

    /**
     * Writes each priced item's price columns and, where its price is evidence, the reason to
     * {@code reasons} (its strength goes to the price evidence column).
     */
    private PriceEvidence priceSignals(
            List<Shipment> shipments, PriceModel price, TextColumn reasons, DoubleColumn[] columns) {
        // Deviations are looked up when needed rather than held: one per declaration would grow with them.
        var deviations = new LastDeviation(row -> price.deviation(shipments.get(row)));
        var evidence =
                PriceEvidence.of(shipments, deviations, settings.priceZThreshold(), PriceLineModes.Settings.DEFAULTS);
        for (Signal column : List.of(
                Signal.PRICE_Z,
                Signal.PRICE_Z_ORIGIN,
                Signal.PRICE_Z_HS6,
                Signal.PRICE_Z_HS4,
                Signal.LOT_Z,
                Signal.PRICE_DRIFT)) {
            columns[column.ordinal()].fill(Double.NaN);
        }
        for (int i = 0; i < shipments.size(); i++) {
            var deviation = deviations.apply(i);
            if (deviation != null) {
                columns[Signal.PRICE_Z.ordinal()].set(i, deviation.robustZ());
            }
            double[] row = price.features(shipments.get(i));
            if (row != null) {
                columns[Signal.PRICE_Z_ORIGIN.ordinal()].set(i, row[0]);
                columns[Signal.PRICE_Z_HS6.ordinal()].set(i, row[1]);
                columns[Signal.PRICE_Z_HS4.ordinal()].set(i, row[2]);
                columns[Signal.LOT_Z.ordinal()].set(i, row[3]);
                columns[Signal.PRICE_DRIFT.ordinal()].set(i, row[4]);
            }
            columns[Signal.LINE_SHIFT.ordinal()].set(i, evidence.lineShiftAt(i));
            columns[Signal.LINE_MISPRICING.ordinal()].set(i, evidence.lineMispricingAt(i));
            var signal = evidence.signalAt(i);
            if (signal != null) {
                columns[Signal.PRICE_EVIDENCE.ordinal()].set(i, signal.strength());
                reasons.set(i, signal.reason());
            }
        }
        return evidence;
    }

    /** A row's deviation from its peers, kept for the next call: a row's price columns and its signal ask in turn. */
    private static final class LastDeviation implements IntFunction<PriceDeviation> {
        private final IntFunction<PriceDeviation> lookUp;
        private int row = -1;
        private PriceDeviation deviation;

        LastDeviation(IntFunction<PriceDeviation> lookUp) {
            this.lookUp = lookUp;
        }

        @Override
        public PriceDeviation apply(int row) {
            if (row != this.row) {
                deviation = lookUp.apply(row);
                this.row = row;
            }
            return deviation;
        }
    }

    /** How unusual each declaration is as a whole, NaN without the autoencoder. */
    private static void anomalyColumn(
            List<Shipment> shipments, Optional<DeclarationAnomaly> anomaly, DoubleColumn[] columns) {
        var column = columns[Signal.ANOMALY.ordinal()];
        if (anomaly.isEmpty()) {
            column.fill(Double.NaN);
        } else {
            anomaly.get().scores(shipments, i -> priceRow(columns, i), column::set);
        }
    }

    /** The price model's columns of row i as the price features gave them, null when it had no peers. */
    private static double[] priceRow(DoubleColumn[] columns, int i) {
        if (Double.isNaN(columns[Signal.PRICE_Z_ORIGIN.ordinal()].get(i))) {
            return null;
        }
        return new double[] {
            columns[Signal.PRICE_Z_ORIGIN.ordinal()].get(i),
            columns[Signal.PRICE_Z_HS6.ordinal()].get(i),
            columns[Signal.PRICE_Z_HS4.ordinal()].get(i),
            columns[Signal.LOT_Z.ordinal()].get(i),
            columns[Signal.PRICE_DRIFT.ordinal()].get(i)
        };
    }

    /**
     * A pattern of deviating prices indicts the trader who declared them (the buyer of an import,
     * the seller of an export, both when the direction is unknown) by how far its count of items at
     * a deviating price level exceeds what the detector's own false alarms would give a trader of
     * its size (Poisson tail against the overall rate), and by how many items that is.
     */
    private static void mispricingSignals(
            List<Shipment> shipments,
            DoubleColumn[] columns,
            Map<String, Integer> companyIndex,
            Map<String, Signals> entitySignals,
            double[][] evidence) {
        int m = evidence[0].length;
        double[] items = new double[m];
        double[] deviating = new double[m];
        double totalItems = 0;
        double totalDeviating = 0;
        var mispricing = columns[Signal.LINE_MISPRICING.ordinal()];
        for (int i = 0; i < shipments.size(); i++) {
            Shipment s = shipments.get(i);
            boolean flagged = mispricing.get(i) >= PriceEvidence.DEVIATING_PROBABILITY;
            for (String party : declaringParties(s)) {
                Integer c = companyIndex.get(party);
                if (c != null) {
                    items[c]++;
                    deviating[c] += flagged ? 1 : 0;
                }
            }
            totalItems++;
            totalDeviating += flagged ? 1 : 0;
        }
        double rate = totalItems == 0 ? 0 : totalDeviating / totalItems;
        var ids = new String[m];
        companyIndex.forEach((id, c) -> ids[c] = id);
        for (int c = 0; c < m; c++) {
            evidence[Evidence.MISPRICED_SHARE.ordinal()][c] = items[c] == 0 ? 0 : deviating[c] / items[c];
            evidence[Evidence.MISPRICED.ordinal()][c] = deviating[c];
            double expected = rate * items[c];
            double excess = deviating[c] - expected;
            if (deviating[c] == 0 || excess < 1) {
                continue;
            }
            double p = Poisson.upperTail((int) deviating[c], Math.max(expected, 1e-9));
            double confidence = Math.min(1, -Math.log10(Math.max(p, 1e-12)) / LOOP_SURE_LOG10_P);
            double strength = 0.95 * confidence * (1 - Math.exp(-excess / MISPRICED_ITEMS_SCALE));
            signals(entitySignals, ids[c])
                    .add(
                            "mispricing",
                            strength,
                            String.format(
                                    "declared %.0f of %.0f items at a price level of their own, far from their line's usual one"
                                            + " (%.1f expected from price noise alone)",
                                    deviating[c], items[c], expected));
        }
    }

    /** Who answers for a declaration's price: the importer of an import, the exporter of an export. */
    private static List<String> declaringParties(Shipment s) {
        String direction = s.attributes().get("direction");
        if ("IMPORT".equals(direction)) {
            return List.of(s.buyerId());
        }
        if ("EXPORT".equals(direction)) {
            return List.of(s.sellerId());
        }
        return s.sellerId().equals(s.buyerId()) ? List.of(s.buyerId()) : List.of(s.sellerId(), s.buyerId());
    }

    /** Size and age of each company. */
    private static void profileEvidence(List<CompanyFacts> companies, List<Shipment> shipments, double[][] evidence) {
        var declarationsPer = new HashMap<String, Integer>();
        for (Shipment s : shipments) {
            declarationsPer.merge(s.buyerId(), 1, Integer::sum);
            if (!s.sellerId().equals(s.buyerId())) {
                declarationsPer.merge(s.sellerId(), 1, Integer::sum);
            }
        }
        for (int c = 0; c < companies.size(); c++) {
            var company = companies.get(c);
            evidence[Evidence.DECLARATIONS.ordinal()][c] = Math.log1p(declarationsPer.getOrDefault(company.id(), 0));
            evidence[Evidence.TRADED.ordinal()][c] = Math.log1p(company.tradedUsd());
            evidence[Evidence.AGE_AT_FIRST_DECLARATION.ordinal()][c] = company.yearsOldAtFirstDeclaration();
            evidence[Evidence.EMPLOYEES.ordinal()][c] =
                    company.employees() == null ? Double.NaN : Math.log1p(company.employees());
            evidence[Evidence.DISSOLVED.ordinal()][c] = company.dissolvedOn() == null ? 0 : 1;
        }
    }

    /** The network score of each company's trade partners, weighted by declarations. */
    private static void partnerEvidence(
            List<Shipment> shipments,
            Map<String, PartyContext> parties,
            Map<String, Integer> companyIndex,
            double[][] evidence) {
        double[] sum = new double[evidence[0].length];
        double[] weight = new double[sum.length];
        for (Shipment s : shipments) {
            if (s.sellerId().equals(s.buyerId())) {
                continue;
            }
            Integer seller = companyIndex.get(s.sellerId());
            Integer buyer = companyIndex.get(s.buyerId());
            if (seller != null) {
                sum[seller] +=
                        parties.getOrDefault(s.buyerId(), PartyContext.NONE).structure();
                weight[seller]++;
            }
            if (buyer != null) {
                sum[buyer] +=
                        parties.getOrDefault(s.sellerId(), PartyContext.NONE).structure();
                weight[buyer]++;
            }
        }
        for (int c = 0; c < sum.length; c++) {
            evidence[Evidence.PARTNER_STRUCTURE.ordinal()][c] = weight[c] == 0 ? 0 : sum[c] / weight[c];
        }
    }

    /** The network scores of a declaration's seller and buyer, as its columns. */
    private static void addPartyColumns(
            Shipment s, int row, Map<String, PartyContext> parties, DoubleColumn[] columns) {
        columns[Signal.SELLER_STRUCTURE.ordinal()].set(
                row, parties.getOrDefault(s.sellerId(), PartyContext.NONE).structure());
        columns[Signal.BUYER_STRUCTURE.ordinal()].set(
                row, parties.getOrDefault(s.buyerId(), PartyContext.NONE).structure());
    }

    /**
     * The rule signals of declarations by row: those of trade loops by declaration id (legs of loops
     * are few), and of prices (reasons and strengths kept outside the heap, by row). {@link #of} adds
     * part of the network score of a seller or buyer that has one worth naming when asked, rather
     * than storing it: most declarations of a risky trader would each hold a copy of its reason.
     */
    private record DeclarationSignals(
            Map<String, Signals> loops, TextColumn priceReasons, DoubleColumn priceStrengths) {

        /**
         * The noisy-or of the signals {@link #of} gives, without wording them: the prior of every
         * declaration is asked for, and most reasons would be worded for nothing.
         */
        double prior(int row, Shipment s, Map<String, PartyContext> parties) {
            var own = loops.get(s.declarationId());
            double keep = own == null ? 1 : own.keep();
            // In the order of, and under the same conditions as, the signals of() adds.
            if (priceReasons.get(row) != null) {
                keep = Signals.keeping(keep, priceStrengths.get(row));
            }
            var seller = parties.getOrDefault(s.sellerId(), PartyContext.NONE);
            var buyer = parties.getOrDefault(s.buyerId(), PartyContext.NONE);
            if (fromSeller(seller)) {
                keep = Signals.keeping(keep, CONTEXT_WEIGHT * seller.structure());
            }
            if (fromBuyer(s, buyer)) {
                keep = Signals.keeping(keep, CONTEXT_WEIGHT * buyer.structure());
            }
            return 1 - keep;
        }

        private static boolean fromSeller(PartyContext seller) {
            return seller.structure() >= CONTEXT_MIN && seller.reason() != null;
        }

        private static boolean fromBuyer(Shipment s, PartyContext buyer) {
            return buyer.structure() >= CONTEXT_MIN
                    && buyer.reason() != null
                    && !s.buyerId().equals(s.sellerId());
        }

        /** The signals of the declaration at {@code row}, null when it has none. */
        Signals of(int row, Shipment s, Map<String, PartyContext> parties) {
            var own = loops.get(s.declarationId());
            String price = priceReasons.get(row);
            var seller = parties.getOrDefault(s.sellerId(), PartyContext.NONE);
            var buyer = parties.getOrDefault(s.buyerId(), PartyContext.NONE);
            boolean fromSeller = fromSeller(seller);
            boolean fromBuyer = fromBuyer(s, buyer);
            if (price == null && !fromSeller && !fromBuyer) {
                return own;
            }
            var signals = copyOf(own);
            if (price != null) {
                signals.add("price", priceStrengths.get(row), price);
            }
            if (fromSeller) {
                signals.add(
                        "seller network",
                        CONTEXT_WEIGHT * seller.structure(),
                        String.format(
                                "seller %s (network %.2f): %s", s.sellerId(), seller.structure(), seller.reason()));
            }
            if (fromBuyer) {
                signals.add(
                        "buyer network",
                        CONTEXT_WEIGHT * buyer.structure(),
                        String.format("buyer %s (network %.2f): %s", s.buyerId(), buyer.structure(), buyer.reason()));
            }
            return signals;
        }
    }

    private Optional<DeclarationModel> fitDeclarations(TradeData data, Rules rules) {
        var shipments = rules.shipments();
        var labelled = new ArrayList<Integer>();
        for (int i = 0; i < shipments.size(); i++) {
            if (data.violations().containsKey(shipments.get(i).declarationId())) {
                labelled.add(i);
            }
        }
        int[] rows = labelled.stream().mapToInt(Integer::intValue).toArray();
        int[] y = Arrays.stream(rows)
                .map(i -> data.violations().get(shipments.get(i).declarationId()) ? 1 : 0)
                .toArray();
        long[] time = Arrays.stream(rows)
                .mapToLong(i -> shipments.get(i).filedOn().toEpochDay())
                .toArray();
        var table = DeclarationScoring.table(shipments, rules.declarationColumns(), rules.declarationPrior());
        return LearnedScore.fit(table.rows(rows), y, time, learning).map(fitted -> {
            var heldOut = new HashMap<String, Double>(rows.length * 2);
            for (int j = 0; j < rows.length; j++) {
                heldOut.put(shipments.get(rows[j]).declarationId(), fitted.heldOut()[j]);
            }
            return new DeclarationModel(fitted.model(), heldOut);
        });
    }

    /**
     * Learns the company score from the outcomes of inspections after a history cut, the features
     * from before it: every inspected declaration after the cut is a row for its seller and one for
     * its buyer.
     */
    private Optional<LearnedScore.Model> fitEntities(TradeData data, Rules rules) {
        var inspected = new ArrayList<Shipment>();
        for (Shipment s : rules.shipments()) {
            if (data.violations().containsKey(s.declarationId())) {
                inspected.add(s);
            }
        }
        if (inspected.isEmpty()) {
            return Optional.empty();
        }
        inspected.sort(Comparator.comparing(Shipment::filedOn).thenComparing(Shipment::declarationId));
        LocalDate cut = inspected
                .get((int) Math.min(inspected.size() - 1, Math.floor(HISTORY_SHARE * inspected.size())))
                .filedOn();
        var history = new HashMap<String, Boolean>();
        var rows = new ArrayList<Integer>();
        var labels = new ArrayList<Integer>();
        var times = new ArrayList<Long>();
        for (Shipment s : inspected) {
            boolean violation = data.violations().get(s.declarationId());
            if (s.filedOn().isBefore(cut)) {
                history.put(s.declarationId(), violation);
                continue;
            }
            for (String party :
                    s.sellerId().equals(s.buyerId()) ? List.of(s.sellerId()) : List.of(s.sellerId(), s.buyerId())) {
                Integer c = rules.companyIndex().get(party);
                if (c != null) {
                    rows.add(c);
                    labels.add(violation ? 1 : 0);
                    times.add(s.filedOn().toEpochDay());
                }
            }
        }
        var before = entityTable(data, rules, history);
        var table =
                before.table().rows(rows.stream().mapToInt(Integer::intValue).toArray());
        return LearnedScore.fit(
                        table,
                        labels.stream().mapToInt(Integer::intValue).toArray(),
                        times.stream().mapToLong(Long::longValue).toArray(),
                        learning)
                .map(LearnedScore.Fitted::model);
    }

    /** The companies' rows with the inspection history {@code violations}, and their rule signals under it. */
    private record EntityRows(FeatureTable table, double[][] history, Map<String, Signals> signals) {}

    private EntityRows entityTable(TradeData data, Rules rules, Map<String, Boolean> violations) {
        var companies = rules.companies();
        int m = companies.size();
        double[][] history = new double[History.values().length][m];
        double base = violations.isEmpty()
                ? 0
                : violations.values().stream().filter(Boolean::booleanValue).count() / (double) violations.size();
        for (Shipment s : rules.shipments()) {
            Boolean violation = violations.get(s.declarationId());
            if (violation == null) {
                continue;
            }
            for (String party :
                    s.sellerId().equals(s.buyerId()) ? List.of(s.sellerId()) : List.of(s.sellerId(), s.buyerId())) {
                Integer c = rules.companyIndex().get(party);
                if (c != null) {
                    history[History.INSPECTIONS.ordinal()][c]++;
                    history[History.VIOLATIONS.ordinal()][c] += violation ? 1 : 0;
                }
            }
        }
        var seeds = new HashMap<String, Double>();
        for (int c = 0; c < m; c++) {
            double inspections = history[History.INSPECTIONS.ordinal()][c];
            double rate = (history[History.VIOLATIONS.ordinal()][c] + SMOOTHING * base) / (inspections + SMOOTHING);
            history[History.VIOLATION_RATE.ordinal()][c] = rate;
            if (inspections > 0 && rate > base && history[History.VIOLATIONS.ordinal()][c] > 0) {
                seeds.put(companies.get(c).id(), rate - base);
            }
        }
        var signals = new HashMap<String, Signals>();
        rules.entitySignals().forEach((id, own) -> signals.put(id, own));
        spreadRisk(data, seeds, history, rules.companyIndex(), signals);
        double[] prior = new double[m];
        for (int c = 0; c < m; c++) {
            var own = signals.get(companies.get(c).id());
            prior[c] = own == null ? 0 : own.prior();
        }
        return new EntityRows(EntityScoring.table(companies, rules.evidence(), history, prior), history, signals);
    }

    /** Smoothing of a company's violation rate toward the overall rate, in inspections. */
    static final double SMOOTHING = 10;

    private RiskAssessment finish(
            TradeData data,
            GraphFeatures graph,
            Rules rules,
            RiskModel model,
            Stopwatch stages,
            Consumer<List<ScoredItem>> sink) {
        var entityRows = entityTable(data, rules, data.violations());
        stages.lap("risk spreading");
        var entities = scoreEntities(rules, entityRows, model);
        var lanes = scoreDeclarations(
                rules.shipments(),
                rules.declarationSignals(),
                rules.declarationColumns(),
                rules.declarationPrior(),
                rules.parties(),
                model,
                scores -> settings.byCapacity()
                        ? LaneCut.byCapacity(
                                scores.length(), scores::largest, settings.redShare(), settings.yellowShare())
                        : settings.thresholds(),
                sink,
                stages);
        var rankedEntities = ranked(entities);
        var entityCut = settings.entityRedShare() > 0
                ? LaneCut.byCapacity(
                        rankedEntities.stream().mapToDouble(ScoredItem::score).toArray(),
                        settings.entityRedShare(),
                        settings.entityYellowShare())
                : settings.thresholds();
        stages.lap("scoring");
        return new RiskAssessment(
                model.version(),
                List.of(),
                lanes,
                laned(rankedEntities, entityCut),
                rules.parties(),
                graph.loops(),
                graph.clusters(),
                stages.laps());
    }

    private List<ScoredItem> scoreEntities(Rules rules, EntityRows rows, RiskModel model) {
        var companies = rules.companies();
        var items = new ScoredItem[companies.size()];
        if (model.entities().isEmpty()) {
            for (int c = 0; c < items.length; c++) {
                var own = rows.signals().get(companies.get(c).id());
                items[c] = own == null
                        ? new ScoredItem(companies.get(c).id(), 0, Lane.GREEN, List.of())
                        : new ScoredItem(companies.get(c).id(), own.prior(), Lane.GREEN, own.reasons());
            }
            return List.of(items);
        }
        var learned = model.entities().get();
        var explained = learned.explainAll(rows.table(), REASONS, SMALLEST_EFFECT);
        IntStream.range(0, items.length).parallel().forEach(c -> {
            var company = companies.get(c);
            var reasons = EntityScoring.reasons(
                    explained.effects(c),
                    c,
                    company,
                    rules.evidence(),
                    rows.history(),
                    rows.signals().get(company.id()));
            items[c] = new ScoredItem(company.id(), explained.probability(c), Lane.GREEN, reasons);
        });
        return List.of(items);
    }

    /**
     * Learned scores where a model exists (held-out ones for the declarations it learnt from), else
     * the rule prior. All scores come first, for the lanes ({@code cutOf} them); then reasons, lanes
     * and the exploration draw page by page to {@code sink}, so that only one page of reasons is
     * ever held.
     *
     * @return how many declarations each lane took
     */
    private Map<Lane, Long> scoreDeclarations(
            List<Shipment> shipments,
            DeclarationSignals signals,
            DoubleColumn[] columns,
            DoubleColumn prior,
            Map<String, PartyContext> parties,
            RiskModel model,
            Function<DoubleColumn, LaneCut> cutOf,
            Consumer<List<ScoredItem>> sink,
            Stopwatch stages) {
        int n = shipments.size();
        var learned = model.declarations();
        var table = learned.isPresent() ? DeclarationScoring.table(shipments, columns, prior) : null;
        // Every score first, for the lanes: one walk of the trees per page gives the scores and the
        // effects the reasons are worded from below, both kept outside the heap in between.
        var scores = DoubleColumn.of(n, 0);
        var effects = learned.isPresent() ? new Effects(n) : null;
        for (int from = 0; from < n; from += pageSize) {
            int[] rows = IntStream.range(from, Math.min(n, from + pageSize)).toArray();
            if (learned.isEmpty()) {
                for (int i : rows) {
                    scores.set(i, prior.get(i));
                }
                continue;
            }
            var explained = learned.get().model().explainAll(table.rows(rows), REASONS, SMALLEST_EFFECT);
            for (int j = 0; j < rows.length; j++) {
                Double held = learned.get().heldOut().get(shipments.get(rows[j]).declarationId());
                scores.set(rows[j], held != null ? held : explained.probability(j));
                effects.set(rows[j], explained.effects(j));
            }
        }
        var cut = cutOf.apply(scores);
        var partyReasons = new HashMap<String, String>();
        parties.forEach((id, party) -> {
            if (party.reason() != null) {
                partyReasons.put(id, party.reason());
            }
        });
        String exploration = String.format(
                "random selection for inspection (exploration share %.1f%%), so that "
                        + "inspection outcomes also cover declarations the model finds safe",
                100 * settings.explorationShare());
        var lanes = new EnumMap<Lane, Long>(Lane.class);
        for (Lane lane : Lane.values()) {
            lanes.put(lane, 0L);
        }
        for (int from = 0; from < n; from += pageSize) {
            int[] rows = IntStream.range(from, Math.min(n, from + pageSize)).toArray();
            var page = new ScoredItem[rows.length];
            IntStream.range(0, rows.length).parallel().forEach(j -> {
                int i = rows[j];
                Shipment s = shipments.get(i);
                var own = signals.of(i, s, parties);
                List<String> reasons;
                if (learned.isEmpty()) {
                    reasons = own == null ? List.of() : own.reasons();
                } else {
                    var words = DeclarationScoring.reasons(learned.get().model(), effects.get(i), s, own, partyReasons);
                    if (learned.get().heldOut().containsKey(s.declarationId())) {
                        words.add(HELD_OUT);
                    }
                    reasons = words;
                }
                page[j] = explored(
                        new ScoredItem(s.declarationId(), scores.get(i), cut.laneOf(scores.get(i)), reasons),
                        model.version(),
                        exploration);
            });
            for (ScoredItem item : page) {
                lanes.merge(item.lane(), 1L, Long::sum);
            }
            stages.lap("scoring");
            sink.accept(List.of(page));
            stages.lap("write-back");
        }
        return lanes;
    }

    /** Each declaration's strongest effects (at most {@link #REASONS}), kept outside the heap. */
    private static final class Effects {
        private final DoubleColumn[] groups = new DoubleColumn[REASONS];
        private final DoubleColumn[] sizes = new DoubleColumn[REASONS];
        /** Names of the signal groups: a handful, set while scoring, read freely while explaining. */
        private final List<String> names = new CopyOnWriteArrayList<>();

        Effects(int rows) {
            for (int k = 0; k < REASONS; k++) {
                groups[k] = DoubleColumn.of(rows, -1);
                sizes[k] = DoubleColumn.of(rows, 0);
            }
        }

        void set(int row, List<LearnedScore.Contribution> effects) {
            for (int k = 0; k < effects.size(); k++) {
                groups[k].set(row, indexOf(effects.get(k).group()));
                sizes[k].set(row, effects.get(k).probability());
            }
        }

        List<LearnedScore.Contribution> get(int row) {
            var effects = new ArrayList<LearnedScore.Contribution>(REASONS);
            for (int k = 0; k < REASONS && groups[k].get(row) >= 0; k++) {
                effects.add(new LearnedScore.Contribution(name((int) groups[k].get(row)), sizes[k].get(row)));
            }
            return effects;
        }

        private synchronized int indexOf(String group) {
            int index = names.indexOf(group);
            if (index < 0) {
                names.add(group);
                index = names.size() - 1;
            }
            return index;
        }

        private String name(int index) {
            return names.get(index);
        }
    }

    /**
     * The item, or, at a random share of the declarations not already red, the item sent to the red
     * lane saying so. The draw hangs on the declaration id and the model version, so rescoring with
     * the same model keeps it.
     */
    private ScoredItem explored(ScoredItem item, String version, String reason) {
        if (settings.explorationShare() == 0
                || item.lane() == Lane.RED
                || uniform(item.id() + "|" + version) >= settings.explorationShare()) {
            return item;
        }
        var reasons = new ArrayList<String>();
        reasons.add(reason);
        reasons.addAll(item.reasons());
        return new ScoredItem(item.id(), item.score(), Lane.RED, reasons);
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
        private final Map<String, Duration> laps = new LinkedHashMap<>();
        private long last = System.nanoTime();

        void lap(String stage) {
            long now = System.nanoTime();
            laps.merge(stage, Duration.ofNanos(now - last), Duration::plus);
            last = now;
        }

        Map<String, Duration> laps() {
            return laps;
        }
    }

    /**
     * Passes the risk of offenders (companies whose inspected declarations were found in violation
     * more often than the overall rate, by how much) on to their trade partners and co-controlled
     * companies (personalized PageRank), so a company next to an offender rises, with the offender
     * named.
     */
    private void spreadRisk(
            TradeData data,
            Map<String, Double> seeds,
            double[][] history,
            Map<String, Integer> companyIndex,
            Map<String, Signals> entitySignals) {
        if (seeds.isEmpty()) {
            return;
        }
        var weights = new HashMap<List<String>, Double>();
        for (Shipment s : data.shipments()) {
            if (!s.sellerId().equals(s.buyerId())) {
                var pair = s.sellerId().compareTo(s.buyerId()) < 0
                        ? List.of(s.sellerId(), s.buyerId())
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
                .map(e -> new RiskSpreading.Link(e.getKey().get(0), e.getKey().get(1), e.getValue()))
                .toList();
        new RiskSpreading(RiskSpreading.DAMPING_DEFAULT).spread(seeds, links).forEach((company, spread) -> {
            Integer c = companyIndex.get(company);
            if (c == null) {
                return;
            }
            history[History.SPREAD.ordinal()][c] = spread.score();
            double strength = SPREAD_WEIGHT * spread.score();
            if (strength >= 0.05) {
                Integer via = companyIndex.get(spread.via());
                String words = seeds.containsKey(spread.via()) && via != null
                        ? String.format(
                                "trades with or shares control with %s, found in violation in %.0f of %.0f"
                                        + " inspections",
                                spread.via(),
                                history[History.VIOLATIONS.ordinal()][via],
                                history[History.INSPECTIONS.ordinal()][via])
                        : "linked through " + spread.via() + " to companies found in violation";
                // The rule layer's signals are shared between histories: spread goes on a copy.
                var copy = copyOf(entitySignals.get(company));
                copy.add("spread", strength, words + String.format("; risk passed on: %.2f", strength));
                entitySignals.put(company, copy);
            }
        });
    }

    private static Signals copyOf(Signals signals) {
        var copy = new Signals();
        if (signals != null) {
            signals.copyInto(copy);
        }
        return copy;
    }

    /** How much a member itself looks like a shell (young, tiny, dissolved), 0 to 1. */
    private static double ownShellSigns(CompanyFacts company, ShellCluster cluster) {
        if (company == null) {
            return 0.5;
        }
        double ended =
                company.dissolvedOn() != null || cluster.phoenixes().stream().anyMatch(p -> p.contains(company.id()))
                        ? 1
                        : 0;
        return (youth(company) + smallness(company) + ended) / 3;
    }

    /** Items riskiest first, ties by id. */
    private static List<ScoredItem> ranked(List<ScoredItem> items) {
        return items.stream()
                .sorted(Comparator.comparingDouble(ScoredItem::score).reversed().thenComparing(ScoredItem::id))
                .toList();
    }

    /** The items with their lanes by {@code cut}. */
    private static List<ScoredItem> laned(List<ScoredItem> items, LaneCut cut) {
        return items.stream()
                .map(item -> {
                    Lane lane = cut.laneOf(item.score());
                    return lane == item.lane() ? item : new ScoredItem(item.id(), item.score(), lane, item.reasons());
                })
                .toList();
    }

    private static Signals signals(Map<String, Signals> map, String id) {
        return map.computeIfAbsent(id, k -> new Signals());
    }

    private static String describe(LearnedScore.Model model, String what) {
        return String.format(
                "boosted trees on %,d %s (violation rate %.3f), Platt-calibrated (a=%.3f, b=%.3f); %s",
                model.labelled(),
                what,
                model.positiveRate(),
                model.calibration().slope(),
                model.calibration().intercept(),
                model.backtest().describe());
    }

    private static String tooFew(TradeData data) {
        long violations = data.violations().values().stream()
                .filter(Boolean::booleanValue)
                .count();
        return String.format(
                "none: %d inspections with %d violations are too few (needs %d and %d); the rules score" + " alone",
                data.violations().size(),
                violations,
                LearnedScore.Settings.DEFAULTS.minLabelled(),
                LearnedScore.Settings.DEFAULTS.minPositives());
    }
}
