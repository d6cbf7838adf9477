package customs.risk.engine.ranking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rule signals of one declaration or company: strengths in [0, 1] with their reasons, each
 * under the signal it belongs to ("price", "loop", ...). Their noisy-or, 1 - product of (1 - s),
 * is the rule prior: independent evidence adds up without leaving [0, 1].
 */
final class Signals {

    private final List<String> groups = new ArrayList<>(2);
    private final List<Double> strengths = new ArrayList<>(2);
    private final List<String> reasons = new ArrayList<>(2);

    void add(String group, double strength, String reason) {
        if (strength > 0 && !reasons.contains(reason)) {
            groups.add(group);
            strengths.add(Math.min(1, strength));
            reasons.add(reason);
        }
    }

    /** Noisy-or of the strengths; 0 without any signal. */
    double prior() {
        return 1 - keep();
    }

    /**
     * {@code keep} times the chance that one more signal of {@code strength} is wrong, counted as
     * {@link #add} counts it: capped at 1, nothing when not positive.
     */
    static double keeping(double keep, double strength) {
        return strength > 0 ? keep * (1 - Math.min(1, strength)) : keep;
    }

    /** The chance that none of the signals is right: one minus the prior. */
    double keep() {
        double keep = 1;
        for (double s : strengths) {
            keep *= 1 - s;
        }
        return keep;
    }

    /** Noisy-or of the strengths of one signal. */
    double strength(String group) {
        double keep = 1;
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).equals(group)) {
                keep *= 1 - strengths.get(i);
            }
        }
        return 1 - keep;
    }

    /** The strongest reason of one signal, or null. */
    String reason(String group) {
        String best = null;
        double strongest = -1;
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).equals(group) && strengths.get(i) > strongest) {
                best = reasons.get(i);
                strongest = strengths.get(i);
            }
        }
        return best;
    }

    /** Every reason, strongest first. */
    List<String> reasons() {
        var order = new ArrayList<Integer>();
        for (int i = 0; i < reasons.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> strengths.get(i)).reversed());
        return order.stream().map(reasons::get).toList();
    }

    /** Adds this item's signals to {@code other}. */
    void copyInto(Signals other) {
        for (int i = 0; i < reasons.size(); i++) {
            other.add(groups.get(i), strengths.get(i), reasons.get(i));
        }
    }

    boolean isEmpty() {
        return reasons.isEmpty();
    }
}
