package customs.risk.engine.ranking;

import customs.risk.engine.learning.FeatureTable;
import customs.risk.engine.learning.LearnedScore;
import customs.risk.engine.trade.CompanyFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the learned company score reads, and how its reasons are worded. A company is a row: its
 * loops, its shell cluster, the share of its declarations priced far from their peers, the network
 * scores of its trade partners, its size and age, and its inspection history with the risk passed
 * on from offenders near it. What it learns: how likely an inspection of one of the company's
 * declarations finds a violation.
 *
 * <p>Learning is time-ordered so that no row sees its own outcome: the history features are taken
 * from the inspections of declarations filed before a cut, the outcomes from those filed after it.
 * Scoring then reads the whole history.
 */
final class EntityScoring {

    /** The label-free evidence per company, by column; each column's group names its reason. */
    enum Evidence {
        LOOP_STRENGTH("loop"),
        LOOP_EXCESS("loop"),
        LOOPS("loop"),
        CLUSTER_SCORE("cluster"),
        OWN_SHELL_SIGNS("cluster"),
        CLUSTER_SIZE("cluster"),
        MISPRICED_SHARE("mispricing"),
        MISPRICED("mispricing"),
        PARTNER_STRUCTURE("partners"),
        DECLARATIONS("profile"),
        TRADED("profile"),
        AGE_AT_FIRST_DECLARATION("profile"),
        EMPLOYEES("profile"),
        DISSOLVED("profile");

        final String group;

        Evidence(String group) {
            this.group = group;
        }
    }

    /** What inspections up to some date said about each company, by column. */
    enum History {
        INSPECTIONS("history"),
        VIOLATIONS("history"),
        VIOLATION_RATE("history"),
        SPREAD("spread");

        final String group;

        History(String group) {
            this.group = group;
        }
    }

    private EntityScoring() {}

    /**
     * @param evidence {@code evidence[e.ordinal()][i]} for company i
     * @param history {@code history[h.ordinal()][i]} for company i
     * @param prior the rule prior of each company under that history
     */
    static FeatureTable table(List<CompanyFacts> companies, double[][] evidence, double[][] history, double[] prior) {
        var table = FeatureTable.builder(companies.size());
        for (Evidence e : Evidence.values()) {
            double[] column = evidence[e.ordinal()];
            table.numeric(e.name().toLowerCase().replace('_', ' '), e.group, i -> column[i]);
        }
        for (History h : History.values()) {
            double[] column = history[h.ordinal()];
            table.numeric(h.name().toLowerCase().replace('_', ' '), h.group, i -> column[i]);
        }
        return table.prior(i -> prior[i]).build();
    }

    /** The reasons of a learned company score: each signal that moved it, in words, with how much. */
    static List<String> reasons(
            List<LearnedScore.Contribution> effects,
            int i,
            CompanyFacts company,
            double[][] evidence,
            double[][] history,
            Signals rules) {
        var reasons = new ArrayList<String>(effects.size());
        for (var c : effects) {
            String words = words(c.group(), i, company, evidence, history, rules);
            if (words != null) {
                reasons.add(String.format("%+.2f %s", c.probability(), words));
            }
        }
        return reasons;
    }

    private static String words(
            String group, int i, CompanyFacts company, double[][] evidence, double[][] history, Signals rules) {
        String rule = rules == null ? null : rules.reason(group);
        return switch (group) {
            case "loop" -> rule != null ? rule : "in no trade loop beyond chance";
            case "cluster" -> rule != null ? rule : "in no shell cluster";
            case "mispricing" ->
                rule != null
                        ? rule
                        : String.format(
                                "%.0f of its declarations priced far from" + " their peers",
                                evidence[Evidence.MISPRICED.ordinal()][i]);
            case "spread" -> rule != null ? rule : "no offender among its trade partners or co-controlled companies";
            case "partners" ->
                String.format(
                        "its trade partners' network score averages %.2f",
                        evidence[Evidence.PARTNER_STRUCTURE.ordinal()][i]);
            case "history" ->
                String.format(
                        "%.0f violations in %.0f inspections of its declarations",
                        history[History.VIOLATIONS.ordinal()][i], history[History.INSPECTIONS.ordinal()][i]);
            case "profile" -> profile(company, evidence, i);
            case LearnedScore.RULES ->
                rules == null || rules.isEmpty()
                        ? "no rule fired"
                        : "rules: " + rules.reasons().getFirst();
            default -> group;
        };
    }

    private static String profile(CompanyFacts company, double[][] evidence, int i) {
        var text = new StringBuilder(String.format(
                "%,.0f declarations, USD %,.0f traded",
                Math.expm1(evidence[Evidence.DECLARATIONS.ordinal()][i]), company.tradedUsd()));
        double age = company.yearsOldAtFirstDeclaration();
        if (!Double.isNaN(age)) {
            text.append(String.format(", %.1f years old at its first declaration", age));
        }
        if (company.employees() != null) {
            text.append(", ").append(company.employees()).append(" employees");
        }
        if (company.dissolvedOn() != null) {
            text.append(", dissolved ").append(company.dissolvedOn());
        }
        return text.toString();
    }

    /** Companies by id to their row. */
    static Map<String, Integer> index(List<CompanyFacts> companies) {
        var index = new java.util.HashMap<String, Integer>(companies.size() * 2);
        for (int i = 0; i < companies.size(); i++) {
            index.put(companies.get(i).id(), i);
        }
        return index;
    }
}
