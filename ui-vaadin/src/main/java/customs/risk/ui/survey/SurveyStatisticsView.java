package customs.risk.ui.survey;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import customs.risk.survey.service.SurveyException;
import customs.risk.survey.service.SurveyModel.Survey;
import customs.risk.survey.service.SurveyService;
import customs.risk.survey.stats.CronbachAlpha;
import customs.risk.survey.stats.SurveyStatistics;
import customs.risk.ui.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A survey's statistics with what each means: mean and SD per statement and construct, Cronbach's
 * alpha with its 95% interval, KMO overall and per statement, Bartlett's test; downloads of the answers.
 */
@Route(value = "surveys/:surveyId/statistics", layout = MainLayout.class)
@PageTitle("Survey statistics | Customs risk")
@RolesAllowed({"ADMIN", "RISK_OFFICER"})
public class SurveyStatisticsView extends VerticalLayout implements BeforeEnterObserver {

    private final SurveyService surveys;

    public SurveyStatisticsView(SurveyService surveys) {
        this.surveys = surveys;
        setId("survey-statistics-view");
    }

    /** One row of the per-statement table. */
    record StatementRow(String column, String construct, String text, double mean, double sd, Double msa) {}

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        String id = event.getRouteParameters().get("surveyId").orElse("");
        try {
            var statistics = surveys.statistics(id);
            var survey = statistics.survey();
            add(new H2(survey.title()), downloads(id));
            var n = new Paragraph(survey.answers() + " answer" + (survey.answers() == 1 ? "" : "s") + ", status "
                    + survey.status().name().toLowerCase() + ".");
            n.setId("stat-n");
            add(n);
            statistics.report().ifPresentOrElse(report -> show(survey, report), () -> {
                var unavailable = new Paragraph(statistics.unavailable().orElse(""));
                unavailable.setId("statistics-unavailable");
                add(unavailable);
            });
        } catch (SurveyException e) {
            var missing = new Paragraph("No survey " + id + ".");
            missing.setId("survey-missing");
            add(missing);
        }
    }

    private HorizontalLayout downloads(String id) {
        var csv = new Anchor("/download/surveys/" + id + "/results.csv", "Answers as CSV");
        csv.setId("download-csv");
        csv.setRouterIgnore(true);
        var xlsx = new Anchor("/download/surveys/" + id + "/results.xlsx", "Answers as XLSX");
        xlsx.setId("download-xlsx");
        xlsx.setRouterIgnore(true);
        return new HorizontalLayout(csv, xlsx);
    }

    private void show(Survey survey, SurveyStatistics.Report report) {
        add(new H3("Reliability"));
        add(figure(
                "stat-alpha",
                report.alpha()
                        .map(a -> String.format(
                                Locale.ROOT,
                                "Cronbach's alpha %.3f (95%% CI %.3f to %.3f)",
                                a.value(),
                                a.lower(),
                                a.upper()))
                        .orElse("Cronbach's alpha: undefined"),
                report.alphaInterpretation().orElse("")));
        add(new H3("Can the answers be factor-analysed?"));
        report.factorability()
                .ifPresentOrElse(
                        f -> {
                            add(figure(
                                    "stat-kmo",
                                    String.format(
                                            Locale.ROOT,
                                            "Kaiser-Meyer-Olkin measure %.3f",
                                            f.kmo().overall()),
                                    f.kmoInterpretation()));
                            add(figure(
                                    "stat-bartlett",
                                    String.format(
                                            Locale.ROOT,
                                            "Bartlett's test: chi-square %.2f, df %d, p %s",
                                            f.bartlett().chiSquare(),
                                            f.bartlett().degreesOfFreedom(),
                                            p(f.bartlett().pValue())),
                                    f.bartlettInterpretation()));
                        },
                        () -> add(figure(
                                "stat-kmo",
                                "KMO and Bartlett's test: undefined for these answers",
                                "See the notes below.")));
        add(new H3("Statements"), statements(survey, report));
        if (!survey.constructs().isEmpty()) {
            add(new H3("Constructs"), constructs(report.constructs()));
        }
        if (!report.notes().isEmpty()) {
            var notes = new UnorderedList();
            notes.setId("stat-notes");
            report.notes().forEach(note -> notes.add(new ListItem(note)));
            add(new H3("Notes"), notes);
        }
    }

    private static VerticalLayout figure(String id, String value, String meaning) {
        var figure = new Paragraph(value);
        figure.getStyle().set("font-weight", "bold").set("margin", "0");
        var words = new Paragraph(meaning);
        words.getStyle().set("margin", "0");
        var box = new VerticalLayout(figure, words);
        box.setId(id);
        box.setPadding(false);
        box.setSpacing(false);
        return box;
    }

    private static Grid<StatementRow> statements(Survey survey, SurveyStatistics.Report report) {
        Map<String, Double> msa = report.msa();
        var construct = new HashMap<String, String>();
        var text = new HashMap<String, String>();
        survey.constructs()
                .forEach(c -> c.statements().forEach(s -> {
                    construct.put(s.column(), c.name());
                    text.put(s.column(), s.text());
                }));
        var grid = new Grid<StatementRow>();
        grid.setId("statement-stats");
        grid.setAllRowsVisible(true);
        grid.addColumn(StatementRow::column).setHeader("").setAutoWidth(true);
        grid.addColumn(StatementRow::construct).setHeader("Construct").setAutoWidth(true);
        grid.addColumn(StatementRow::text).setHeader("Statement").setFlexGrow(1);
        grid.addColumn(r -> number(r.mean(), 2)).setHeader("Mean").setAutoWidth(true);
        grid.addColumn(r -> number(r.sd(), 2)).setHeader("SD").setAutoWidth(true);
        grid.addColumn(r -> r.msa() == null ? "" : number(r.msa(), 2))
                .setHeader("MSA")
                .setAutoWidth(true);
        grid.setItems(report.items().stream()
                .map(i -> new StatementRow(
                        i.name(), construct.get(i.name()), text.get(i.name()), i.mean(), i.sd(), msa.get(i.name())))
                .toList());
        return grid;
    }

    private static Grid<SurveyStatistics.ConstructSummary> constructs(
            List<SurveyStatistics.ConstructSummary> summaries) {
        var grid = new Grid<SurveyStatistics.ConstructSummary>();
        grid.setId("construct-stats");
        grid.setAllRowsVisible(true);
        grid.addColumn(SurveyStatistics.ConstructSummary::name)
                .setHeader("Construct")
                .setAutoWidth(true);
        grid.addColumn(c -> c.items().size()).setHeader("Statements").setAutoWidth(true);
        grid.addColumn(c -> number(c.mean(), 2)).setHeader("Mean").setAutoWidth(true);
        grid.addColumn(c -> number(c.sd(), 2)).setHeader("SD").setAutoWidth(true);
        grid.addColumn(c -> c.alpha()
                        .map(CronbachAlpha.Alpha::value)
                        .map(v -> number(v, 3))
                        .orElse("n/a"))
                .setHeader("Alpha")
                .setAutoWidth(true);
        grid.addColumn(c -> c.alpha()
                        .map(a -> number(a.lower(), 3) + " to " + number(a.upper(), 3))
                        .orElse(""))
                .setHeader("95% CI")
                .setAutoWidth(true);
        grid.addColumn(c -> c.alphaInterpretation()
                        .orElse(
                                c.items().size() < 2
                                        ? "One statement: alpha needs two or more."
                                        : "Undefined for these answers."))
                .setHeader("Meaning")
                .setFlexGrow(1);
        grid.setItems(summaries);
        return grid;
    }

    private static String number(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String p(double p) {
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "= %.3f", p);
    }
}
