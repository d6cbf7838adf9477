package customs.risk.engine.evaluation;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;

/**
 * Entity resolution against the truth of a generated bundle ({@code company_id,entity,variant,like}:
 * the records of planted duplicates share an entity; look-alikes have entities of their own):
 * pairwise precision, recall and F1, overall and per variant. A true pair counts under the variant
 * of its duplicate record; a wrong merge counts under the variant of the planted or look-alike
 * record it involves ({@code OTHER} when neither is), so a variant's precision says how often
 * merging records of that kind was right.
 */
public final class ResolutionEvaluation {

    private static final String ORIGINAL = "ORIGINAL";
    private static final String OTHER = "OTHER";

    /** Figures of one variant (or of all, as {@code ALL}). */
    public record Figures(String variant, long truePairs, long found, long wrong) {

        public double precision() {
            return found + wrong == 0 ? Double.NaN : (double) found / (found + wrong);
        }

        public double recall() {
            return truePairs == 0 ? Double.NaN : (double) found / truePairs;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return Double.isNaN(p) || Double.isNaN(r) || p + r == 0 ? Double.NaN : 2 * p * r / (p + r);
        }
    }

    private ResolutionEvaluation() {}

    /**
     * @param parties the party of each company record in one (as the graph holds them); records
     *     standing alone are absent
     * @param truth the entity truth file's content
     * @return the figures per variant, {@code ALL} last
     */
    public static List<Figures> evaluate(Map<String, String> parties, Reader truth) throws IOException {
        var entity = new HashMap<String, String>();
        var variant = new HashMap<String, String>();
        for (var r : CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(truth)) {
            entity.put(r.get("company_id"), r.get("entity"));
            variant.put(r.get("company_id"), r.get("variant"));
        }
        var truePairs = new TreeMap<String, Long>();
        var byEntity = group(entity);
        for (var records : byEntity.values()) {
            for (int i = 0; i < records.size(); i++) {
                for (int j = i + 1; j < records.size(); j++) {
                    truePairs.merge(pairVariant(records.get(i), records.get(j), variant), 1L, Long::sum);
                }
            }
        }
        var found = new TreeMap<String, Long>();
        var wrong = new TreeMap<String, Long>();
        for (var records : group(parties).values()) {
            for (int i = 0; i < records.size(); i++) {
                for (int j = i + 1; j < records.size(); j++) {
                    String a = records.get(i);
                    String b = records.get(j);
                    String ea = entity.get(a);
                    boolean same = ea != null && ea.equals(entity.get(b));
                    (same ? found : wrong).merge(pairVariant(a, b, variant), 1L, Long::sum);
                }
            }
        }
        var names = new java.util.TreeSet<String>();
        names.addAll(truePairs.keySet());
        names.addAll(wrong.keySet());
        var out = new ArrayList<Figures>();
        long allTrue = 0;
        long allFound = 0;
        long allWrong = 0;
        for (String name : names) {
            var f = new Figures(
                    name, truePairs.getOrDefault(name, 0L), found.getOrDefault(name, 0L), wrong.getOrDefault(name, 0L));
            out.add(f);
            allTrue += f.truePairs();
            allFound += f.found();
            allWrong += f.wrong();
        }
        out.add(new Figures("ALL", allTrue, allFound, allWrong));
        return out;
    }

    /** The variant a pair is counted under: its first record's that is not an original. */
    private static String pairVariant(String a, String b, Map<String, String> variant) {
        for (String id : List.of(a, b)) {
            String v = variant.get(id);
            if (v != null && !v.equals(ORIGINAL)) {
                return v;
            }
        }
        return variant.containsKey(a) || variant.containsKey(b) ? ORIGINAL : OTHER;
    }

    private static Map<String, List<String>> group(Map<String, String> keyOf) {
        var groups = new TreeMap<String, List<String>>();
        keyOf.forEach(
                (id, key) -> groups.computeIfAbsent(key, k -> new ArrayList<>()).add(id));
        groups.values().forEach(l -> l.sort(null));
        return groups;
    }

    /** Prints the figures as CSV, with the target beside the overall line. */
    public static void print(List<Figures> figures, double precisionTarget, double recallTarget, PrintStream out) {
        out.println("variant,true_pairs,found,wrong_merges,precision,recall,f1");
        for (var f : figures) {
            out.printf(
                    "%s,%d,%d,%d,%s,%s,%s%n",
                    f.variant(), f.truePairs(), f.found(), f.wrong(), num(f.precision()), num(f.recall()), num(f.f1()));
        }
        var all = figures.getLast();
        out.printf(
                "pairwise precision %.3f (target >= %.2f), recall %.3f (target >= %.2f): %s%n",
                all.precision(),
                precisionTarget,
                all.recall(),
                recallTarget,
                all.precision() >= precisionTarget && all.recall() >= recallTarget ? "met" : "NOT met");
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format("%.3f", v);
    }
}
