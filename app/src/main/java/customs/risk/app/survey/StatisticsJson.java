package customs.risk.app.survey;

import customs.risk.survey.stats.CronbachAlpha;
import customs.risk.survey.stats.SurveyStatistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON shape for a survey's statistics, printed by {@code ./risk survey-stats} and answered by
 * {@code GET /api/surveys/{id}/statistics}. A figure that is undefined for the data is {@code null} and
 * {@code notes} says why.
 */
public final class StatisticsJson {

    private StatisticsJson() {}

    public static Map<String, Object> of(SurveyStatistics.Report report) {
        var json = new LinkedHashMap<String, Object>();
        json.put("n", report.n());
        json.put("items", report.itemNames());
        var means = new LinkedHashMap<String, Double>();
        var sds = new LinkedHashMap<String, Double>();
        report.items().forEach(i -> {
            means.put(i.name(), i.mean());
            sds.put(i.name(), i.sd());
        });
        json.put("means", means);
        json.put("sds", sds);
        json.put(
                "cronbach_alpha", report.alpha().map(CronbachAlpha.Alpha::value).orElse(null));
        json.put("alpha_ci95", report.alpha().map(StatisticsJson::interval).orElse(null));
        var f = report.factorability();
        json.put("kmo", f.map(x -> x.kmo().overall()).orElse(null));
        json.put("kmo_per_item", f.isPresent() ? report.msa() : null);
        json.put("bartlett_chi2", f.map(x -> x.bartlett().chiSquare()).orElse(null));
        json.put("bartlett_df", f.map(x -> x.bartlett().degreesOfFreedom()).orElse(null));
        json.put("bartlett_p", f.map(x -> x.bartlett().pValue()).orElse(null));
        if (!report.constructs().isEmpty()) {
            var constructs = new ArrayList<Map<String, Object>>();
            for (var c : report.constructs()) {
                var construct = new LinkedHashMap<String, Object>();
                construct.put("name", c.name());
                construct.put("items", c.items());
                construct.put("mean", c.mean());
                construct.put("sd", c.sd());
                construct.put(
                        "cronbach_alpha",
                        c.alpha().map(CronbachAlpha.Alpha::value).orElse(null));
                construct.put(
                        "alpha_ci95", c.alpha().map(StatisticsJson::interval).orElse(null));
                construct.put("interpretation", c.alphaInterpretation().orElse(null));
                constructs.add(construct);
            }
            json.put("constructs", constructs);
        }
        var interpretation = new LinkedHashMap<String, String>();
        interpretation.put("cronbach_alpha", report.alphaInterpretation().orElse(null));
        interpretation.put(
                "kmo", f.map(SurveyStatistics.Factorability::kmoInterpretation).orElse(null));
        interpretation.put(
                "bartlett",
                f.map(SurveyStatistics.Factorability::bartlettInterpretation).orElse(null));
        json.put("interpretation", interpretation);
        json.put("notes", report.notes());
        return json;
    }

    private static List<Double> interval(CronbachAlpha.Alpha a) {
        return List.of(a.lower(), a.upper());
    }
}
