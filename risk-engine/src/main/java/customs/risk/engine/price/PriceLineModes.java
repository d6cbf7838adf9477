package customs.risk.engine.price;

import customs.risk.engine.trade.DoubleColumn;
import customs.risk.engine.trade.IntColumn;
import customs.risk.engine.trade.Shipment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;

/**
 * Price modes within trading lines: for every line (same seller, buyer, HS6 and unit) whether its
 * unit prices form one level with at most a rare stray item, or two levels, and which items sit
 * away from the line's honest level. Under- and over-invoicing planted on part of a line's items
 * leave exactly that trace: a second price mode at a fraction or multiple of the line's usual price,
 * often too close to the market to stand out against peers alone.
 *
 * <p>Each line's log unit prices, measured from its market level, are read under two models fitted
 * by expectation-maximisation (Dempster, Laird and Rubin 1977):
 *
 * <ul>
 *   <li>one level: a normal around the line's level, plus stray items at a small rate spread evenly
 *       over {@code ±outlierSpan} log units (the contaminated normal of Tukey 1960, as in Aitkin and
 *       Wilson 1980), which also reads a single sporadic mispriced item;
 *   <li>two levels: a mixture of two normals with one common spread (McLachlan and Peel, Finite
 *       Mixture Models, 2000), plus the same stray items.
 * </ul>
 *
 * A mixture fitted freely to a unimodal sample always "finds" two modes, and two modes 2-3 spreads
 * apart hardly change a sample's shape; what gives them away is a spread wider than the goods'
 * usual one. So the line's spread has a scaled inverse chi-squared prior centred on the spread of
 * the goods within their lines, measured on every line of the goods (a low quantile of the lines'
 * standard deviations, so that the few mispriced lines do not widen it), shrunk toward the spread of
 * all goods when the goods have few lines. The two models are compared by their penalised
 * likelihood (the Schwarz 1978 criterion, two more parameters for the second level) and a prior
 * probability that a line carries a second mode; the result is the probability of the second mode.
 *
 * <p>Which level is honest is decided by the market: the level nearer the market (the median, over
 * the lines of the same goods, origin and unit, of each line's median, so that one big line does not
 * set it), with lines' honest levels scattered around the market by a lane spread measured on all
 * lines, and weighted by the level's share of the items; a level with fewer than {@code
 * minHonestShare} of the items is never the honest one (one slip to the market price in a brand's
 * line is the slip). A line with 80% of its items at a third of the market is thus read right; a
 * line that trades consistently away from the market (a brand's premium, a standing discount) has
 * one level and no deviating items.
 *
 * <p>An item's mispricing is the probability that it belongs to the deviating level or is a stray
 * item: under the two-level model weighted by that model's probability plus under the one-level
 * model weighted by the rest. A seller-buyer line with fewer than {@code minLineItems} items has no
 * levels of its own; it is read within the seller's trade in the goods with all its buyers (a brand
 * prices alike for all of them) when that is large enough, else against the market alone (the same
 * stray-item model, with the goods' and the lane spread combined, and a NaN shift).
 *
 * <p>Fitting is O(n log n) in the number of items (one sort per line and per market group, then at
 * most {@code iterations} EM steps per line and model). What is kept per item (price, line,
 * mispricing, shift) lives in columns outside the heap; the heap holds what is kept per line. The
 * result is immutable.
 */
public final class PriceLineModes {

    /** Fewest items of a line for it to have price levels of its own. */
    public static final int MIN_LINE_ITEMS_DEFAULT = 4;
    /** Fewest lines, and items, of a market group for its line-weighted median to count as the market. */
    public static final int MIN_MARKET_LINES_DEFAULT = 3;

    public static final int MIN_MARKET_ITEMS_DEFAULT = 20;
    /** Prior share of stray items: sporadically mispriced or mistyped. */
    public static final double OUTLIER_RATE_DEFAULT = 0.002;
    /** Log units either side of the line's level over which stray items spread evenly. */
    public static final double OUTLIER_SPAN_DEFAULT = 3;
    /** Prior probability that a line carries a second price level. */
    public static final double SECOND_MODE_PRIOR_DEFAULT = 0.03;
    /** Least share of a line's items at a level for that level to be the line's honest one. */
    public static final double MIN_HONEST_SHARE_DEFAULT = 0.15;
    /** Weight, in items, of the goods' spread in a line's spread. */
    public static final double SPREAD_PRIOR_ITEMS_DEFAULT = 50;
    /** Weight, in lines, of the spread of all goods in one goods' spread. */
    public static final double GOODS_PRIOR_LINES_DEFAULT = 10;
    /** Quantile of the lines' standard deviations taken as the goods' spread. */
    public static final double GOODS_SPREAD_QUANTILE_DEFAULT = 0.35;
    /** Spread within lines, and of lines around the market, in log units, when too few lines can measure them. */
    public static final double FALLBACK_SPREAD_DEFAULT = 0.35;

    public static final double FALLBACK_LANE_SPREAD_DEFAULT = 0.2;
    public static final int ITERATIONS_DEFAULT = 30;

    /**
     * Fewest readable lines of a goods for their own spread (fewer take the spread of all goods), and
     * of all goods for spreads of their own (fewer take the fallback spreads).
     */
    static final int MIN_SPREAD_LINES = 3;
    /** Floor of the lane spread: lines' levels are never taken as closer to the market than this. */
    static final double MIN_LANE_SPREAD = 0.1;
    /** EM stops once levels, spread and share move less than this in a step. */
    static final double CONVERGED = 1e-7;

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    /**
     * How lines are read.
     *
     * @param minLineItems fewest items of a line for it to have levels of its own (at least 3)
     * @param minMarketLines fewest lines of a market group (goods, origin and unit; then goods and
     *     unit) for its line-weighted median to be the market; fewer fall back to the peer median
     * @param minMarketItems fewest items of such a group
     * @param outlierRate prior share of stray items (0 to 0.5, exclusive)
     * @param outlierSpan log units either side over which stray items spread (positive)
     * @param secondModePrior prior probability of a second level in a line (0 to 1, exclusive)
     * @param minHonestShare least share of a line's items at a level for it to be the honest one, so
     *     that one market-priced slip in a brand's line is read as the slip (0 to 0.5)
     * @param spreadPriorItems weight of the goods' spread in a line's spread, in items (positive)
     * @param goodsPriorLines weight of all goods' spread in one goods' spread, in lines (0 or more)
     * @param goodsSpreadQuantile quantile of lines' standard deviations taken as the goods' spread (0 to 1)
     * @param fallbackSpread spread within lines when too few lines are large enough to measure it (positive)
     * @param fallbackLaneSpread spread of lines around the market when too few lines can measure it (positive)
     * @param iterations EM iterations per model and line (at least 1)
     */
    public record Settings(
            int minLineItems,
            int minMarketLines,
            int minMarketItems,
            double outlierRate,
            double outlierSpan,
            double secondModePrior,
            double minHonestShare,
            double spreadPriorItems,
            double goodsPriorLines,
            double goodsSpreadQuantile,
            double fallbackSpread,
            double fallbackLaneSpread,
            int iterations) {

        public static final Settings DEFAULTS = new Settings(
                MIN_LINE_ITEMS_DEFAULT,
                MIN_MARKET_LINES_DEFAULT,
                MIN_MARKET_ITEMS_DEFAULT,
                OUTLIER_RATE_DEFAULT,
                OUTLIER_SPAN_DEFAULT,
                SECOND_MODE_PRIOR_DEFAULT,
                MIN_HONEST_SHARE_DEFAULT,
                SPREAD_PRIOR_ITEMS_DEFAULT,
                GOODS_PRIOR_LINES_DEFAULT,
                GOODS_SPREAD_QUANTILE_DEFAULT,
                FALLBACK_SPREAD_DEFAULT,
                FALLBACK_LANE_SPREAD_DEFAULT,
                ITERATIONS_DEFAULT);

        public Settings {
            if (minLineItems < 3) {
                throw new IllegalArgumentException("minLineItems must be at least 3: " + minLineItems);
            }
            if (minMarketLines < 1 || minMarketItems < 1) {
                throw new IllegalArgumentException("minMarketLines and minMarketItems must be positive: "
                        + minMarketLines + ", " + minMarketItems);
            }
            if (!(outlierRate > 0 && outlierRate < 0.5)) {
                throw new IllegalArgumentException("outlierRate must be within (0, 0.5): " + outlierRate);
            }
            if (!(secondModePrior > 0 && secondModePrior < 1)) {
                throw new IllegalArgumentException("secondModePrior must be within (0, 1): " + secondModePrior);
            }
            if (!(minHonestShare >= 0 && minHonestShare <= 0.5)) {
                throw new IllegalArgumentException("minHonestShare must be within [0, 0.5]: " + minHonestShare);
            }
            if (!(goodsSpreadQuantile > 0 && goodsSpreadQuantile < 1)) {
                throw new IllegalArgumentException("goodsSpreadQuantile must be within (0, 1): " + goodsSpreadQuantile);
            }
            if (!(outlierSpan > 0
                    && spreadPriorItems > 0
                    && goodsPriorLines >= 0
                    && fallbackSpread > 0
                    && fallbackLaneSpread > 0)) {
                throw new IllegalArgumentException("spans, spreads and prior weights must be positive");
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be at least 1: " + iterations);
            }
        }
    }

    /**
     * How one line reads.
     *
     * @param items priced items of the line
     * @param readable whether the line has enough items for levels of its own
     * @param secondMode probability that the line carries a second price level (0 when not readable)
     * @param honestLevel the line's honest level in log units from the market (its median when not readable)
     * @param deviatingLevel the deviating level in log units from the market, NaN when the line reads
     *     as one level
     * @param deviating items of the line more likely mispriced than not
     * @param spread the line's spread within a level, in log units (when not readable, the goods' and
     *     the lane spread combined, against which its items were read)
     * @param sellerWide whether this is the seller's trade in the goods with all its buyers, read in
     *     place of a seller-buyer line too small for levels of its own
     */
    public record Line(
            int items,
            boolean readable,
            double secondMode,
            double honestLevel,
            double deviatingLevel,
            int deviating,
            double spread,
            boolean sellerWide) {

        /** The deviating level as a multiple of the honest one (0.3 = 0.3 times), NaN without one. */
        public double deviatingRatio() {
            return Math.exp(deviatingLevel - honestLevel);
        }

        /** The honest level as a multiple of the market price. */
        public double marketRatio() {
            return Math.exp(honestLevel);
        }
    }

    /** A trading line; the buyer is null for a seller's trade in the goods with all its buyers. */
    private record LineKey(String seller, String buyer, String hs6, String unit) {}

    private record GoodsKey(String hs6, String unit) {}

    private record MarketKey(String hs6, String origin, String unit) {}

    private final Settings settings;
    /** The shipments read, by row: what the row-based look-ups count in. */
    private final List<Shipment> shipments;
    /** By row of {@link #shipments}, the item's place in the columns below, -1 when it was not read. */
    private final IntColumn readOf;
    /** Declaration id to row, built at the first look-up by id: at ten million rows it would weigh a gigabyte. */
    private Map<String, Integer> rowOfId;

    private final DoubleColumn mispricing;
    private final DoubleColumn shift;
    private final DoubleColumn fromHonest;
    private final IntColumn lineOf;
    private final Line[] lines;
    private final double laneSpread;

    private PriceLineModes(
            Settings settings,
            List<Shipment> shipments,
            IntColumn readOf,
            DoubleColumn mispricing,
            DoubleColumn shift,
            DoubleColumn fromHonest,
            IntColumn lineOf,
            Line[] lines,
            double laneSpread) {
        this.settings = settings;
        this.shipments = shipments;
        this.readOf = readOf;
        this.mispricing = mispricing;
        this.shift = shift;
        this.fromHonest = fromHonest;
        this.lineOf = lineOf;
        this.lines = lines;
        this.laneSpread = laneSpread;
    }

    /**
     * Reads every priced item of {@code shipments} within its line.
     *
     * @param peerMedians per declaration id, the log unit price of its peers' median: the market of a
     *     line whose goods have too few lines or items here for a market of their own (e.g. a small
     *     batch of new declarations); items without one fall back to the lines that are there
     */
    public static PriceLineModes fit(
            Collection<Shipment> shipments, Map<String, Double> peerMedians, Settings settings) {
        if (shipments == null || peerMedians == null || settings == null) {
            throw new IllegalArgumentException("shipments, peerMedians and settings are required");
        }
        var rows = List.copyOf(shipments);
        return fit(rows, row -> peerMedians.getOrDefault(rows.get(row).declarationId(), Double.NaN), settings);
    }

    /**
     * As {@link #fit(Collection, Map, Settings)} with the peer median of a row of {@code shipments}
     * (NaN for none) asked for when a line needs it; look-ups by row then count in the same rows.
     */
    public static PriceLineModes fit(List<Shipment> shipments, IntToDoubleFunction peerMedians, Settings settings) {
        if (shipments == null || peerMedians == null || settings == null) {
            throw new IllegalArgumentException("shipments, peerMedians and settings are required");
        }
        var priced = rowsWhere(shipments.size(), row -> priced(shipments.get(row)));
        var pairs = new Fitter(shipments, priced, peerMedians, settings, false);
        var goods = pairs.goods();
        var result = pairs.read(goods);
        var small = new HashSet<LineKey>();
        for (int l = 0; l < pairs.keys.size(); l++) {
            if (!result.lines[l].readable()) {
                var key = pairs.keys.get(l);
                small.add(new LineKey(key.seller(), null, key.hs6(), key.unit()));
            }
        }
        if (small.isEmpty()) {
            return result;
        }
        var ofThoseSellers = rowsWhere(shipments.size(), row -> {
            Shipment s = shipments.get(row);
            return priced(s) && small.contains(new LineKey(s.sellerId(), null, s.hs6(), s.quantityUnit()));
        });
        return result.backOffTo(new Fitter(shipments, ofThoseSellers, peerMedians, settings, true).read(goods));
    }

    private static boolean priced(Shipment s) {
        double unit = s.unitValueUsd();
        return unit > 0 && Double.isFinite(unit);
    }

    /** The numbers from 0 to {@code count} that pass {@code test}, in order. */
    private static IntColumn rowsWhere(int count, IntPredicate test) {
        int passing = 0;
        var passed = new BitSet(count);
        for (int row = 0; row < count; row++) {
            if (test.test(row)) {
                passed.set(row);
                passing++;
            }
        }
        var rows = IntColumn.of(passing, 0);
        for (int row = passed.nextSetBit(0), k = 0; row >= 0; row = passed.nextSetBit(row + 1)) {
            rows.set(k++, row);
        }
        return rows;
    }

    /** As {@link #fit(Collection, Map, Settings)} with the peer medians of {@code baseline}. */
    public static PriceLineModes fit(Collection<Shipment> shipments, PeerPriceBaseline baseline, Settings settings) {
        var rows = List.copyOf(shipments);
        return fit(
                rows,
                row -> {
                    Shipment s = rows.get(row);
                    return baseline.deviation(s)
                            .map(d -> Math.log(s.unitValueUsd()) - Math.log(d.ratioToMedian()))
                            .orElse(Double.NaN);
                },
                settings);
    }

    /**
     * This reading, with items of unreadable lines read in {@code sellers} where their seller's line
     * is readable. Rewrites this reading's columns rather than copying them: it is called once, on
     * the reading that {@link #fit} is about to replace by the result.
     */
    private PriceLineModes backOffTo(PriceLineModes sellers) {
        var all = new ArrayList<>(Arrays.asList(lines));
        var added = new HashMap<Integer, Integer>();
        for (int row = 0; row < readOf.length(); row++) {
            int j = sellers.readOf.get(row);
            if (j < 0) {
                continue;
            }
            int i = readOf.get(row);
            int sellerLine = sellers.lineOf.get(j);
            if (lines[lineOf.get(i)].readable() || !sellers.lines[sellerLine].readable()) {
                continue;
            }
            mispricing.set(i, sellers.mispricing.get(j));
            shift.set(i, sellers.shift.get(j));
            fromHonest.set(i, sellers.fromHonest.get(j));
            lineOf.set(i, added.computeIfAbsent(sellerLine, l -> {
                all.add(sellers.lines[l]);
                return all.size() - 1;
            }));
        }
        return new PriceLineModes(
                settings,
                shipments,
                readOf,
                mispricing,
                shift,
                fromHonest,
                lineOf,
                all.toArray(Line[]::new),
                laneSpread);
    }

    public Settings settings() {
        return settings;
    }

    /** How far lines' honest levels scatter around the market, in log units (a robust sigma). */
    public double laneSpread() {
        return laneSpread;
    }

    /** Whether the declaration was read (it has a positive unit value). */
    public boolean contains(String declarationId) {
        return readAt(rowOf(declarationId)) >= 0;
    }

    /**
     * Probability that the item belongs to a deviating price level of its line or is a stray item
     * (against the market alone when its line is too small), NaN when it was not read.
     */
    public double mispricing(String declarationId) {
        return mispricingAt(rowOf(declarationId));
    }

    /** As {@link #mispricing(String)} for the shipment at {@code row} of those read. */
    public double mispricingAt(int row) {
        int i = readAt(row);
        return i < 0 ? Double.NaN : mispricing.get(i);
    }

    /**
     * The item's log unit price minus its line's honest level, in units of the line's spread; NaN
     * when neither its seller-buyer line nor its seller's trade in the goods is large enough to have
     * a level, or the item was not read.
     */
    public double shift(String declarationId) {
        return shiftAt(rowOf(declarationId));
    }

    /** As {@link #shift(String)} for the shipment at {@code row} of those read. */
    public double shiftAt(int row) {
        int i = readAt(row);
        return i < 0 ? Double.NaN : shift.get(i);
    }

    /**
     * The item's unit price as a multiple of its line's honest level (of the market when the line is
     * too small), NaN when it was not read.
     */
    public double ratioToLine(String declarationId) {
        return ratioToLineAt(rowOf(declarationId));
    }

    /** As {@link #ratioToLine(String)} for the shipment at {@code row} of those read. */
    public double ratioToLineAt(int row) {
        int i = readAt(row);
        return i < 0 ? Double.NaN : Math.exp(fromHonest.get(i));
    }

    /** The reading of the item's line. */
    public Optional<Line> line(String declarationId) {
        return lineAt(rowOf(declarationId));
    }

    /** As {@link #line(String)} for the shipment at {@code row} of those read. */
    public Optional<Line> lineAt(int row) {
        int i = readAt(row);
        return i < 0 ? Optional.empty() : Optional.of(lines[lineOf.get(i)]);
    }

    /** The row of the shipment with this declaration id among those read, -1 when none. */
    public synchronized int rowOf(String declarationId) {
        if (rowOfId == null) {
            rowOfId = new HashMap<>(Math.max(16, shipments.size() * 4 / 3 + 1));
            for (int row = 0; row < shipments.size(); row++) {
                rowOfId.put(shipments.get(row).declarationId(), row);
            }
        }
        return rowOfId.getOrDefault(declarationId, -1);
    }

    private int readAt(int row) {
        return row < 0 || row >= readOf.length() ? -1 : readOf.get(row);
    }

    /**
     * What every line is read against, measured on the seller-buyer lines: market levels, the goods'
     * spread within lines, and the lane spread of lines around the market.
     */
    private record Goods(
            Map<MarketKey, Double> originMarket,
            Map<GoodsKey, Double> goodsMarket,
            Map<GoodsKey, Double> goodsFallback,
            Map<GoodsKey, Double> spread,
            double overallSpread,
            double laneSpread) {}

    /** One pass over a set of lines; the results go into an immutable {@link PriceLineModes}. */
    private static final class Fitter {

        private final Settings settings;
        private final double logStray;
        private final double logKeep;
        private final boolean sellerWide;
        private final int n;
        private final List<Shipment> shipments;
        /** The row in {@link #shipments} of each item of this pass. */
        private final IntColumn rows;

        private final IntToDoubleFunction peerMedians;
        /** By item, its log unit price. */
        private final DoubleColumn price;
        /** By item, its line. */
        private final IntColumn lineOf;

        private final List<LineKey> keys = new ArrayList<>();
        private final List<String> origins = new ArrayList<>();
        /** Where each line's items start in {@link #members}. */
        private final int[] start;
        /** The items, line by line, each line's in ascending order of price. */
        private final IntColumn members;

        private final double[] median;

        Fitter(
                List<Shipment> shipments,
                IntColumn rows,
                IntToDoubleFunction peerMedians,
                Settings settings,
                boolean sellerWide) {
            this.settings = settings;
            this.sellerWide = sellerWide;
            this.logStray = Math.log(settings.outlierRate()) - Math.log(2 * settings.outlierSpan());
            this.logKeep = Math.log(1 - settings.outlierRate());
            this.shipments = shipments;
            this.rows = rows;
            this.peerMedians = peerMedians;
            n = rows.length();
            price = DoubleColumn.of(n, 0);
            lineOf = IntColumn.of(n, 0);
            var lineIds = new HashMap<LineKey, Integer>();
            var originCounts = new ArrayList<Map<String, Integer>>();
            for (int i = 0; i < n; i++) {
                Shipment s = shipments.get(rows.get(i));
                price.set(i, Math.log(s.unitValueUsd()));
                var key = new LineKey(s.sellerId(), sellerWide ? null : s.buyerId(), s.hs6(), s.quantityUnit());
                Integer line = lineIds.get(key);
                if (line == null) {
                    line = keys.size();
                    lineIds.put(key, line);
                    keys.add(key);
                    originCounts.add(new HashMap<>(2));
                }
                lineOf.set(i, line);
                originCounts.get(line).merge(s.originCountry(), 1, Integer::sum);
            }
            for (var counts : originCounts) {
                // The line's usual origin; ties go to the first in alphabetical order, so that reruns agree.
                String best = null;
                int most = 0;
                for (var e : counts.entrySet()) {
                    if (e.getValue() > most
                            || (e.getValue() == most && e.getKey().compareTo(best) < 0)) {
                        best = e.getKey();
                        most = e.getValue();
                    }
                }
                origins.add(best);
            }
            int lineCount = keys.size();
            start = new int[lineCount + 1];
            members = IntColumn.of(n, 0);
            groupByLine();
            median = new double[lineCount];
            for (int l = 0; l < lineCount; l++) {
                median[l] = sortedMedian(values(l, 0));
            }
        }

        /** Items of each line contiguous in {@link #members}, the line's sorted by price. */
        private void groupByLine() {
            int lineCount = keys.size();
            for (int i = 0; i < n; i++) {
                start[lineOf.get(i) + 1]++;
            }
            for (int l = 0; l < lineCount; l++) {
                start[l + 1] += start[l];
            }
            int[] next = Arrays.copyOf(start, lineCount);
            for (int i = 0; i < n; i++) {
                members.set(next[lineOf.get(i)]++, i);
            }
            for (int l = 0; l < lineCount; l++) {
                int from = start[l];
                int to = start[l + 1];
                if (to - from < 2) {
                    continue;
                }
                Integer[] boxed = new Integer[to - from];
                for (int j = from; j < to; j++) {
                    boxed[j - from] = members.get(j);
                }
                Arrays.sort(boxed, (a, b) -> Double.compare(price.get(a), price.get(b)));
                for (int j = from; j < to; j++) {
                    members.set(j, boxed[j - from]);
                }
            }
        }

        private int size(int line) {
            return start[line + 1] - start[line];
        }

        /** The line's log prices in ascending order, less {@code level}. */
        private double[] values(int line, double level) {
            double[] x = new double[size(line)];
            for (int j = 0; j < x.length; j++) {
                x[j] = price.get(members.get(start[line] + j)) - level;
            }
            return x;
        }

        /** Market levels and spreads measured on this pass's lines. */
        Goods goods() {
            var byOrigin = new HashMap<MarketKey, List<Double>>();
            var byGoods = new HashMap<GoodsKey, List<Double>>();
            var itemsByOrigin = new HashMap<MarketKey, Integer>();
            var itemsByGoods = new HashMap<GoodsKey, Integer>();
            for (int l = 0; l < keys.size(); l++) {
                var key = keys.get(l);
                var origin = new MarketKey(key.hs6(), origins.get(l), key.unit());
                var goods = new GoodsKey(key.hs6(), key.unit());
                byOrigin.computeIfAbsent(origin, k -> new ArrayList<>()).add(median[l]);
                byGoods.computeIfAbsent(goods, k -> new ArrayList<>()).add(median[l]);
                itemsByOrigin.merge(origin, size(l), Integer::sum);
                itemsByGoods.merge(goods, size(l), Integer::sum);
            }
            var originMarket = new HashMap<MarketKey, Double>();
            byOrigin.forEach((k, v) -> {
                if (v.size() >= settings.minMarketLines() && itemsByOrigin.get(k) >= settings.minMarketItems()) {
                    originMarket.put(k, median(v));
                }
            });
            var goodsMarket = new HashMap<GoodsKey, Double>();
            var goodsFallback = new HashMap<GoodsKey, Double>();
            byGoods.forEach((k, v) -> {
                double m = median(v);
                goodsFallback.put(k, m);
                if (itemsByGoods.get(k) >= settings.minMarketItems()) {
                    goodsMarket.put(k, m);
                }
            });
            var partial = new Goods(originMarket, goodsMarket, goodsFallback, Map.of(), 0, 0);
            var spreads = new HashMap<GoodsKey, Double>();
            double overall = goodsSpreads(spreads);
            return new Goods(originMarket, goodsMarket, goodsFallback, spreads, overall, laneSpread(partial));
        }

        /**
         * The line's market: the median of line medians over its goods, origin and unit, else over its
         * goods and unit, else the median of its items' peer medians, else its goods' lines anyway.
         */
        private double market(int line, Goods goods) {
            var key = keys.get(line);
            var goodsKey = new GoodsKey(key.hs6(), key.unit());
            Double m = goods.originMarket().get(new MarketKey(key.hs6(), origins.get(line), key.unit()));
            if (m == null) {
                m = goods.goodsMarket().get(goodsKey);
            }
            if (m == null) {
                m = peerMedianOf(line);
            }
            if (Double.isNaN(m)) {
                m = goods.goodsFallback().getOrDefault(goodsKey, median[line]);
            }
            return m;
        }

        private double peerMedianOf(int line) {
            double[] known = new double[size(line)];
            int k = 0;
            for (int j = start[line]; j < start[line + 1]; j++) {
                double m = peerMedians.applyAsDouble(rows.get(members.get(j)));
                if (!Double.isNaN(m)) {
                    known[k++] = m;
                }
            }
            if (k == 0) {
                return Double.NaN;
            }
            known = Arrays.copyOf(known, k);
            Arrays.sort(known);
            return sortedMedian(known);
        }

        /** Robust sigma of readable lines' medians around their market. */
        private double laneSpread(Goods goods) {
            var deviations = new ArrayList<Double>();
            for (int l = 0; l < keys.size(); l++) {
                if (size(l) >= settings.minLineItems()) {
                    deviations.add(Math.abs(median[l] - market(l, goods)));
                }
            }
            if (deviations.size() < MIN_SPREAD_LINES) {
                return settings.fallbackLaneSpread();
            }
            return Math.max(MIN_LANE_SPREAD, PeerPriceBaseline.MAD_TO_SIGMA * median(deviations));
        }

        /**
         * Fills {@code spreads} per goods with a low quantile of its readable lines' standard
         * deviations (each unbiased for its median by the Wilson-Hilferty approximation of the
         * chi-squared median, weighted by the root of its degrees of freedom), shrunk toward the
         * spread of all goods; returns the latter.
         */
        private double goodsSpreads(Map<GoodsKey, Double> spreads) {
            var byGoods = new HashMap<GoodsKey, List<double[]>>();
            var all = new ArrayList<double[]>();
            for (int l = 0; l < keys.size(); l++) {
                if (size(l) < settings.minLineItems()) {
                    continue;
                }
                int dof = size(l) - 1;
                double corrected = standardDeviation(values(l, 0)) / Math.pow(1 - 2.0 / (9 * dof), 1.5);
                var key = keys.get(l);
                byGoods.computeIfAbsent(new GoodsKey(key.hs6(), key.unit()), k -> new ArrayList<>())
                        .add(new double[] {corrected, Math.sqrt(dof)});
                all.add(new double[] {corrected, dof});
            }
            if (all.size() < MIN_SPREAD_LINES) {
                return settings.fallbackSpread();
            }
            double overall = weightedQuantile(all, 0.5);
            double prior = settings.goodsPriorLines();
            byGoods.forEach((goods, list) -> {
                double own = list.size() >= MIN_SPREAD_LINES
                        ? weightedQuantile(list, settings.goodsSpreadQuantile())
                        : overall;
                spreads.put(
                        goods,
                        Math.sqrt((prior * overall * overall + list.size() * own * own) / (prior + list.size())));
            });
            return overall;
        }

        /** Reads every line of this pass against {@code goods}. */
        PriceLineModes read(Goods goods) {
            var mispricing = DoubleColumn.of(n, 0);
            var shift = DoubleColumn.of(n, Double.NaN);
            var fromHonest = DoubleColumn.of(n, 0);
            Line[] lines = new Line[keys.size()];
            for (int l = 0; l < keys.size(); l++) {
                var key = keys.get(l);
                double spread = Math.max(
                        PeerPriceBaseline.MIN_SPREAD,
                        goods.spread().getOrDefault(new GoodsKey(key.hs6(), key.unit()), goods.overallSpread()));
                double market = market(l, goods);
                double[] x = values(l, market);
                lines[l] = x.length < settings.minLineItems()
                        ? againstMarket(l, x, spread, goods.laneSpread(), median[l] - market, mispricing, fromHonest)
                        : readLine(l, x, spread, goods.laneSpread(), mispricing, shift, fromHonest);
            }
            var readOf = IntColumn.of(shipments.size(), -1);
            for (int i = 0; i < n; i++) {
                readOf.set(rows.get(i), i);
            }
            return new PriceLineModes(
                    settings, shipments, readOf, mispricing, shift, fromHonest, lineOf, lines, goods.laneSpread());
        }

        /** A line too small for levels of its own: each item against the market alone. */
        private Line againstMarket(
                int line,
                double[] x,
                double spread,
                double laneSpread,
                double level,
                DoubleColumn mispricing,
                DoubleColumn fromHonest) {
            double s = Math.sqrt(spread * spread + laneSpread * laneSpread);
            double logS = Math.log(s);
            int deviating = 0;
            for (int j = 0; j < x.length; j++) {
                int i = members.get(start[line] + j);
                double keep = logKeep + logNormal(x[j] / s, logS);
                double p = sigmoid(logStray - keep);
                mispricing.set(i, p);
                fromHonest.set(i, x[j]);
                if (p >= 0.5) {
                    deviating++;
                }
            }
            return new Line(x.length, false, 0, level, Double.NaN, deviating, s, sellerWide);
        }

        private Line readLine(
                int line,
                double[] x,
                double spread,
                double laneSpread,
                DoubleColumn mispricing,
                DoubleColumn shift,
                DoubleColumn fromHonest) {
            int size = x.length;
            var one = new OneLevel(x, spread);
            var two = new TwoLevels(x, spread);
            double logOdds = (two.logLikelihood - one.logLikelihood)
                    - Math.log(size)
                    + Math.log(settings.secondModePrior() / (1 - settings.secondModePrior()));
            double second = sigmoid(logOdds);
            double minShare = settings.minHonestShare();
            double firstHonest = two.share > 1 - minShare
                    ? 0
                    : two.share < minShare
                            ? 1
                            : sigmoid(Math.log(1 - two.share)
                                    - Math.log(two.share)
                                    - 0.5 * square(two.low / laneSpread)
                                    + 0.5 * square(two.high / laneSpread));
            boolean twoLevels = second > 0.5;
            double honest = twoLevels ? (firstHonest >= 0.5 ? two.low : two.high) : one.level;
            double lineSpread = twoLevels ? two.spread : one.spread;
            int deviating = 0;
            for (int j = 0; j < size; j++) {
                int i = members.get(start[line] + j);
                double inDeviating =
                        firstHonest * two.highWeight[j] + (1 - firstHonest) * two.lowWeight[j] + two.strayWeight[j];
                double p = Math.min(1, second * inDeviating + (1 - second) * one.strayWeight[j]);
                mispricing.set(i, p);
                shift.set(i, (x[j] - honest) / lineSpread);
                fromHonest.set(i, x[j] - honest);
                if (p >= 0.5) {
                    deviating++;
                }
            }
            double deviatingLevel = twoLevels ? (firstHonest >= 0.5 ? two.high : two.low) : Double.NaN;
            return new Line(size, true, second, honest, deviatingLevel, deviating, lineSpread, sellerWide);
        }

        /** A normal level with stray items; the spread's prior is centred on the goods' spread. */
        private final class OneLevel {
            double level;
            double spread;
            final double logLikelihood;
            final double[] strayWeight;

            OneLevel(double[] x, double goodsSpread) {
                strayWeight = new double[x.length];
                level = sortedMedian(x);
                spread = goodsSpread;
                for (int it = 0; it < settings.iterations(); it++) {
                    weigh(x);
                    double w = 0;
                    double sum = 0;
                    for (int j = 0; j < x.length; j++) {
                        w += 1 - strayWeight[j];
                        sum += (1 - strayWeight[j]) * x[j];
                    }
                    double newLevel = sum / w;
                    double squares = 0;
                    for (int j = 0; j < x.length; j++) {
                        squares += (1 - strayWeight[j]) * square(x[j] - newLevel);
                    }
                    double newSpread = posteriorSpread(goodsSpread, squares, w);
                    boolean settled = Math.abs(newLevel - level) + Math.abs(newSpread - spread) < CONVERGED;
                    level = newLevel;
                    spread = newSpread;
                    if (settled) {
                        break;
                    }
                }
                logLikelihood = weigh(x) + logSpreadPrior(spread, goodsSpread);
            }

            private double weigh(double[] x) {
                double total = 0;
                double logSpread = Math.log(spread);
                for (int j = 0; j < x.length; j++) {
                    double keep = logKeep + logNormal((x[j] - level) / spread, logSpread);
                    double max = Math.max(keep, logStray);
                    double ek = Math.exp(keep - max);
                    double es = Math.exp(logStray - max);
                    strayWeight[j] = es / (ek + es);
                    total += max + Math.log(ek + es);
                }
                return total;
            }
        }

        /** Two normal levels with a common spread, and stray items; started from the best split in two. */
        private final class TwoLevels {
            double low;
            double high;
            double share;
            double spread;
            final double logLikelihood;
            final double[] lowWeight;
            final double[] highWeight;
            final double[] strayWeight;

            TwoLevels(double[] sorted, double goodsSpread) {
                int size = sorted.length;
                lowWeight = new double[size];
                highWeight = new double[size];
                strayWeight = new double[size];
                split(sorted);
                spread = goodsSpread;
                double minShare = 0.5 / size;
                for (int it = 0; it < settings.iterations(); it++) {
                    weigh(sorted);
                    double wLow = 0;
                    double wHigh = 0;
                    double sumLow = 0;
                    double sumHigh = 0;
                    for (int j = 0; j < size; j++) {
                        wLow += lowWeight[j];
                        wHigh += highWeight[j];
                        sumLow += lowWeight[j] * sorted[j];
                        sumHigh += highWeight[j] * sorted[j];
                    }
                    if (wLow <= 0 || wHigh <= 0) {
                        break;
                    }
                    double newLow = sumLow / wLow;
                    double newHigh = sumHigh / wHigh;
                    double squares = 0;
                    for (int j = 0; j < size; j++) {
                        squares +=
                                lowWeight[j] * square(sorted[j] - newLow) + highWeight[j] * square(sorted[j] - newHigh);
                    }
                    double newSpread = posteriorSpread(goodsSpread, squares, wLow + wHigh);
                    double newShare = Math.clamp(wHigh / (wLow + wHigh), minShare, 1 - minShare);
                    boolean settled = Math.abs(newLow - low)
                                    + Math.abs(newHigh - high)
                                    + Math.abs(newSpread - spread)
                                    + Math.abs(newShare - share)
                            < CONVERGED;
                    low = newLow;
                    high = newHigh;
                    spread = newSpread;
                    share = newShare;
                    if (settled) {
                        break;
                    }
                }
                logLikelihood = weigh(sorted) + logSpreadPrior(spread, goodsSpread);
                if (low > high) {
                    double t = low;
                    low = high;
                    high = t;
                    share = 1 - share;
                    for (int j = 0; j < size; j++) {
                        double w = lowWeight[j];
                        lowWeight[j] = highWeight[j];
                        highWeight[j] = w;
                    }
                }
            }

            /** The split of the sorted values into a lower and an upper run with the least squares within. */
            private void split(double[] sorted) {
                int size = sorted.length;
                double total = 0;
                double totalSquares = 0;
                for (double v : sorted) {
                    total += v;
                    totalSquares += v * v;
                }
                double sum = 0;
                double squares = 0;
                double best = Double.POSITIVE_INFINITY;
                int at = 1;
                double lowSum = sorted[0];
                for (int k = 1; k < size; k++) {
                    sum += sorted[k - 1];
                    squares += sorted[k - 1] * sorted[k - 1];
                    double within = squares
                            - sum * sum / k
                            + (totalSquares - squares)
                            - (total - sum) * (total - sum) / (size - k);
                    if (within < best) {
                        best = within;
                        at = k;
                        lowSum = sum;
                    }
                }
                low = lowSum / at;
                high = (total - lowSum) / (size - at);
                share = (size - at) / (double) size;
            }

            private double weigh(double[] x) {
                double total = 0;
                double logSpread = Math.log(spread);
                double logLow = logKeep + Math.log(1 - share);
                double logHigh = logKeep + Math.log(share);
                for (int j = 0; j < x.length; j++) {
                    double a = logLow + logNormal((x[j] - low) / spread, logSpread);
                    double b = logHigh + logNormal((x[j] - high) / spread, logSpread);
                    double max = Math.max(Math.max(a, b), logStray);
                    double ea = Math.exp(a - max);
                    double eb = Math.exp(b - max);
                    double ec = Math.exp(logStray - max);
                    double sum = ea + eb + ec;
                    lowWeight[j] = ea / sum;
                    highWeight[j] = eb / sum;
                    strayWeight[j] = ec / sum;
                    total += max + Math.log(sum);
                }
                return total;
            }
        }

        /** Posterior mode-like spread under a scaled inverse chi-squared prior worth {@code spreadPriorItems} items. */
        private double posteriorSpread(double goodsSpread, double squares, double weight) {
            double nu = settings.spreadPriorItems();
            return Math.max(
                    PeerPriceBaseline.MIN_SPREAD,
                    Math.sqrt((nu * goodsSpread * goodsSpread + squares) / (nu + weight + 2)));
        }

        /** Log density of the scaled inverse chi-squared prior at {@code spread} (up to a constant). */
        private double logSpreadPrior(double spread, double goodsSpread) {
            double nu = settings.spreadPriorItems();
            double v = spread * spread;
            return -(nu / 2 + 1) * Math.log(v) - nu * goodsSpread * goodsSpread / (2 * v);
        }
    }

    /** Log density of a normal at standardised {@code z}, given the log of its sigma. */
    static double logNormal(double z, double logSigma) {
        return -0.5 * z * z - logSigma - LOG_SQRT_2PI;
    }

    static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-Math.clamp(v, -50, 50)));
    }

    private static double square(double v) {
        return v * v;
    }

    private static double sortedMedian(double[] sorted) {
        int k = sorted.length;
        return k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
    }

    private static double standardDeviation(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double squares = 0;
        for (double v : x) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (x.length - 1));
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return sortedMedian(v);
    }

    /** The smallest value whose cumulative weight reaches {@code q} of the total; rows are {value, weight}. */
    private static double weightedQuantile(List<double[]> rows, double q) {
        var sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> Double.compare(a[0], b[0]));
        double total = 0;
        for (double[] r : sorted) {
            total += r[1];
        }
        double cumulative = 0;
        for (double[] r : sorted) {
            cumulative += r[1];
            if (cumulative >= q * total) {
                return r[0];
            }
        }
        return sorted.getLast()[0];
    }
}
