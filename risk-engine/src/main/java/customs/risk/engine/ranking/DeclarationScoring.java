package customs.risk.engine.ranking;

import customs.risk.engine.learning.FeatureTable;
import customs.risk.engine.learning.LearnedScore;
import customs.risk.engine.learning.TargetEncoder;
import customs.risk.engine.trade.DoubleColumn;
import customs.risk.engine.trade.Shipment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What the learned declaration score reads, and how its reasons are worded. Every declaration is a
 * row: the risk profiles of its parties, goods, origin, office and their pairs; every other column
 * it carries (contract columns such as the departure country, and whatever a bundle added, e.g.
 * KCS's process and tax types), both as a category and, where it reads as one, as a number; its
 * size and duty; and every detector's signal ({@link Signal}), with the noisy-or of the rules as
 * the prior.
 */
final class DeclarationScoring {

    /** The detectors' signals per declaration, each under the signal group its reason names. */
    enum Signal {
        PRICE_Z("price"),
        PRICE_Z_ORIGIN("price"),
        PRICE_Z_HS6("price"),
        PRICE_Z_HS4("price"),
        LOT_Z("price"),
        PRICE_DRIFT("price"),
        PRICE_EVIDENCE("price"),
        LINE_SHIFT("price"),
        LINE_MISPRICING("price"),
        LOOP_STRENGTH("loop"),
        LOOP_EXCESS("loop"),
        SELLER_STRUCTURE("seller network"),
        BUYER_STRUCTURE("buyer network"),
        ANOMALY("anomaly");

        final String group;

        Signal(String group) {
            this.group = group;
        }
    }

    /** Profiles of single fields, by column name. */
    private static final Map<String, Function<Shipment, String>> PROFILES = profiles();
    /** Profiles of pairs of fields: a broker's record with one kind of goods says more than either. */
    private static final Map<String, Function<Shipment, String>> PAIRS = pairs();

    private static final String NUMBER = "#";

    private DeclarationScoring() {}

    private static Map<String, Function<Shipment, String>> profiles() {
        var map = new LinkedHashMap<String, Function<Shipment, String>>();
        map.put("buyer", Shipment::buyerId);
        map.put("seller", Shipment::sellerId);
        map.put("declarant", Shipment::declarantId);
        map.put("HS", Shipment::hs6);
        map.put("HS heading", Shipment::hs4);
        map.put("HS chapter", Shipment::hs2);
        map.put("origin", Shipment::originCountry);
        map.put("office", Shipment::officeCode);
        return map;
    }

    private static Map<String, Function<Shipment, String>> pairs() {
        var map = new LinkedHashMap<String, Function<Shipment, String>>();
        map.put("buyer with HS", s -> pair(s.buyerId(), s.hs6()));
        map.put("seller with buyer", s -> pair(s.sellerId(), s.buyerId()));
        map.put("declarant with HS", s -> pair(s.declarantId(), s.hs6()));
        map.put("buyer with declarant", s -> pair(s.buyerId(), s.declarantId()));
        map.put("origin with HS", s -> pair(s.originCountry(), s.hs6()));
        map.put("office with HS heading", s -> pair(s.officeCode(), s.hs4()));
        return map;
    }

    private static String pair(String a, String b) {
        return a == null || b == null ? null : a + " and " + b;
    }

    /**
     * The rows of {@code shipments}: {@code signals[s.ordinal()].get(i)} the detectors' signals of
     * row i, {@code prior.get(i)} its rule prior.
     */
    static FeatureTable table(List<Shipment> shipments, DoubleColumn[] signals, DoubleColumn prior) {
        var table = FeatureTable.builder(shipments.size());
        var all = new LinkedHashMap<String, Function<Shipment, String>>(PROFILES);
        all.putAll(PAIRS);
        all.forEach((name, field) -> table.categorical(name, i -> field.apply(shipments.get(i))));
        for (String attribute : attributes(shipments)) {
            table.categorical(attribute, i -> shipments.get(i).attributes().get(attribute));
            table.numeric(
                    attribute + NUMBER,
                    attribute,
                    i -> number(shipments.get(i).attributes().get(attribute)));
        }
        table.numeric("quantity", "size", i -> Math.log(shipments.get(i).quantity()));
        table.numeric("value", "size", i -> Math.log1p(shipments.get(i).valueUsd()));
        table.numeric("unit value", "size", i -> logOrNaN(shipments.get(i).unitValueUsd()));
        table.numeric("net mass", "size", i -> Math.log1p(shipments.get(i).netMassKg()));
        table.numeric(
                "mass per unit",
                "size",
                i -> logOrNaN(shipments.get(i).netMassKg() / shipments.get(i).quantity()));
        table.numeric("duty rate", "duty", i -> shipments.get(i).dutyRate());
        for (Signal s : Signal.values()) {
            var column = signals[s.ordinal()];
            table.numeric(s.name().toLowerCase().replace('_', ' '), s.group, column::get);
        }
        return table.prior(prior::get).build();
    }

    /** The names of the other columns the shipments carry, sorted. */
    private static List<String> attributes(List<Shipment> shipments) {
        var names = new TreeSet<String>();
        Map<String, String> last = null;
        for (Shipment s : shipments) {
            // Rows from one source share one key set: skip the common case cheaply.
            if (last == null || !last.keySet().equals(s.attributes().keySet())) {
                names.addAll(s.attributes().keySet());
                last = s.attributes();
            }
        }
        return List.copyOf(names);
    }

    /** The reasons of a learned score: each signal that moved it, in words, with how much. */
    static List<String> reasons(
            LearnedScore.Model model,
            List<LearnedScore.Contribution> effects,
            Shipment s,
            Signals rules,
            Map<String, String> partyReasons) {
        var reasons = new ArrayList<String>(effects.size() + 1);
        for (var c : effects) {
            String words = words(model, c.group(), s, rules, partyReasons);
            if (words != null) {
                reasons.add(String.format("%+.2f %s", c.probability(), words));
            }
        }
        return reasons;
    }

    private static String words(
            LearnedScore.Model model, String group, Shipment s, Signals rules, Map<String, String> partyReasons) {
        var field = PROFILES.containsKey(group) ? PROFILES.get(group) : PAIRS.get(group);
        if (field != null) {
            return profile(model, group, field.apply(s));
        }
        if (s.attributes().containsKey(group)) {
            return profile(model, group, s.attributes().get(group));
        }
        return switch (group) {
            case "price" ->
                rules != null && rules.reason("price") != null
                        ? rules.reason("price")
                        : String.format(
                                "unit price USD %,.2f per %s, in line with its peers",
                                s.unitValueUsd(), s.quantityUnit());
            case "loop" -> rules == null ? null : rules.reason("loop");
            case "seller network" -> party("seller", s.sellerId(), partyReasons);
            case "buyer network" -> party("buyer", s.buyerId(), partyReasons);
            case "size" ->
                String.format("declared value USD %,.0f for %,.0f %s", s.valueUsd(), s.quantity(), s.quantityUnit());
            case "duty" ->
                Double.isNaN(s.dutyRate()) ? "no duty rate declared" : String.format("duty rate %.1f%%", s.dutyRate());
            case "anomaly" -> "the declaration as a whole is unlike the fair ones the autoencoder learnt";
            case LearnedScore.RULES ->
                rules == null || rules.isEmpty()
                        ? "no rule fired"
                        : "rules: " + rules.reasons().getFirst();
            default -> group;
        };
    }

    private static String party(String role, String id, Map<String, String> partyReasons) {
        String reason = partyReasons.get(id);
        return reason == null
                ? role + " " + id + ": no loop, cluster or price pattern"
                : role + " " + id + ": " + reason;
    }

    private static String profile(LearnedScore.Model model, String column, String value) {
        if (value == null) {
            return column + " not declared";
        }
        return model.profile(column)
                .map(encoder -> history(column, value, encoder))
                .orElse(column + " " + value);
    }

    private static String history(String column, String value, TargetEncoder encoder) {
        double count = encoder.count(value);
        if (count == 0) {
            return column + " " + value + ": never inspected before";
        }
        return String.format(
                "%s %s: %.0f violations in %.0f inspections", column, value, encoder.positives(value), count);
    }

    static double number(String text) {
        if (text == null || text.isEmpty()) {
            return Double.NaN;
        }
        char first = text.charAt(0);
        if (!(Character.isDigit(first) || first == '-' || first == '+' || first == '.')) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double logOrNaN(double v) {
        return v > 0 ? Math.log(v) : Double.NaN;
    }
}
