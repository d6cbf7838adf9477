package customs.risk.survey.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * All statistics of a survey from its answers: descriptives per item and per construct, Cronbach's
 * alpha with its confidence interval (overall and per construct), KMO and Bartlett's test, each with
 * its plain-words {@link Interpretation}.
 *
 * <p>Needs at least {@value Checks#MIN_ITEMS} items and {@value Checks#MIN_RESPONDENTS} respondents,
 * else {@link SurveyDataException}. A figure that is undefined for these answers (alpha when every total
 * is equal; KMO and Bartlett when an item is constant or the correlation matrix is singular) is absent
 * and {@link Report#notes()} says why, rather than reporting NaN.
 */
public final class SurveyStatistics {

    /** A group of items that measure one thing, e.g. "coordination". */
    public record Construct(String name, List<String> items) {
        public Construct {
            items = List.copyOf(items);
        }
    }

    public record ItemSummary(String name, double mean, double sd) {}

    /**
     * @param mean mean over respondents of each respondent's mean over the construct's items
     * @param sd sample standard deviation of those respondent means
     * @param alpha absent with fewer than 2 items or when undefined
     */
    public record ConstructSummary(
            String name,
            List<String> items,
            double mean,
            double sd,
            Optional<CronbachAlpha.Alpha> alpha,
            Optional<String> alphaInterpretation) {}

    public record Factorability(
            SamplingAdequacy.Kmo kmo,
            BartlettSphericity.Bartlett bartlett,
            String kmoInterpretation,
            String bartlettInterpretation) {}

    /**
     * @param n respondents
     * @param items per item, in item order; SD is the sample SD (n - 1)
     * @param notes why a figure is absent, and items whose MSA is below {@link Interpretation#MSA_MINIMUM_DEFAULT}
     */
    public record Report(
            int n,
            List<ItemSummary> items,
            Optional<CronbachAlpha.Alpha> alpha,
            Optional<String> alphaInterpretation,
            Optional<Factorability> factorability,
            List<ConstructSummary> constructs,
            List<String> notes) {

        public Report {
            items = List.copyOf(items);
            constructs = List.copyOf(constructs);
            notes = List.copyOf(notes);
        }

        public List<String> itemNames() {
            return items.stream().map(ItemSummary::name).toList();
        }

        /** MSA by item name; empty when KMO is undefined. */
        public Map<String, Double> msa() {
            var map = new LinkedHashMap<String, Double>();
            factorability.ifPresent(f -> {
                for (int i = 0; i < items.size(); i++) {
                    map.put(items.get(i).name(), f.kmo().perItem().get(i));
                }
            });
            return map;
        }
    }

    private final CronbachAlpha alpha;

    public SurveyStatistics() {
        this(new CronbachAlpha());
    }

    public SurveyStatistics(CronbachAlpha alpha) {
        this.alpha = alpha;
    }

    /** Statistics of all items, without constructs. */
    public Report analyse(ResponseMatrix answers) {
        return analyse(answers, List.of());
    }

    /**
     * @param constructs groups of the answers' items; an item may be in none
     * @throws SurveyDataException with too few items or respondents, or a construct naming an unknown item
     */
    public Report analyse(ResponseMatrix answers, List<Construct> constructs) {
        Checks.enough(answers.n(), answers.k());
        var notes = new ArrayList<String>();
        var items = new ArrayList<ItemSummary>();
        double[][] rows = answers.rows();
        for (int j = 0; j < answers.k(); j++) {
            double[] column = column(rows, j);
            items.add(new ItemSummary(
                    answers.items().get(j), new Mean().evaluate(column), new StandardDeviation(true).evaluate(column)));
        }
        Optional<CronbachAlpha.Alpha> overall = tryAlpha(answers, "alpha", notes);
        Optional<Factorability> factorability = Optional.empty();
        try {
            var correlations = Correlations.of(answers);
            var kmo = new SamplingAdequacy().compute(correlations);
            var bartlett = new BartlettSphericity().compute(correlations);
            factorability = Optional.of(new Factorability(
                    kmo, bartlett, Interpretation.kmo(kmo.overall()), Interpretation.bartlett(bartlett)));
            for (int j = 0; j < answers.k(); j++) {
                double msa = kmo.perItem().get(j);
                if (msa < Interpretation.MSA_MINIMUM_DEFAULT) {
                    notes.add(String.format(
                            java.util.Locale.ROOT,
                            "item \"%s\" has an MSA of %.2f: it shares little with the others; consider rewording or "
                                    + "dropping it",
                            answers.items().get(j),
                            msa));
                }
            }
        } catch (SurveyDataException e) {
            notes.add("KMO and Bartlett's test are undefined: " + e.getMessage());
        }
        var summaries = new ArrayList<ConstructSummary>();
        for (Construct construct : constructs) {
            summaries.add(summarise(answers.select(construct.items()), construct, notes));
        }
        return new Report(
                answers.n(), items, overall, overall.map(Interpretation::alpha), factorability, summaries, notes);
    }

    private ConstructSummary summarise(ResponseMatrix part, Construct construct, List<String> notes) {
        double[][] rows = part.rows();
        double[] respondentMeans = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            respondentMeans[i] = new Mean().evaluate(rows[i]);
        }
        Optional<CronbachAlpha.Alpha> a = part.k() < Checks.MIN_ITEMS
                ? Optional.empty()
                : tryAlpha(part, "alpha of \"" + construct.name() + "\"", notes);
        return new ConstructSummary(
                construct.name(),
                construct.items(),
                new Mean().evaluate(respondentMeans),
                new StandardDeviation(true).evaluate(respondentMeans),
                a,
                a.map(Interpretation::alpha));
    }

    private Optional<CronbachAlpha.Alpha> tryAlpha(ResponseMatrix answers, String what, List<String> notes) {
        try {
            return Optional.of(alpha.compute(answers));
        } catch (SurveyDataException e) {
            notes.add(what + " is undefined: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static double[] column(double[][] rows, int j) {
        double[] column = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            column[i] = rows[i][j];
        }
        return column;
    }
}
