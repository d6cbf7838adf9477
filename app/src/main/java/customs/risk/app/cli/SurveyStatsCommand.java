package customs.risk.app.cli;

import customs.risk.app.survey.StatisticsJson;
import customs.risk.survey.io.ResponseFiles;
import customs.risk.survey.io.SurveyFileException;
import customs.risk.survey.stats.SurveyDataException;
import customs.risk.survey.stats.SurveyStatistics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./risk survey-stats FILE}: the statistics of a survey from a file of answers, as one JSON
 * object. Pure computation: starts neither Spring nor the graph store.
 */
@Command(
        name = "survey-stats",
        mixinStandardHelpOptions = true,
        description = {
            "Reliability and factorability of survey answers in FILE.csv or FILE.xlsx (header row of item"
                    + " names, one row per respondent; columns 'respondent' and 'answered_at' are labels). Prints one JSON"
                    + " object: n, items, means, sds, cronbach_alpha, alpha_ci95, kmo, kmo_per_item, bartlett_chi2,"
                    + " bartlett_df, bartlett_p, interpretation, notes.",
            "Respondents with a blank answer are left out (listwise deletion); stderr says which rows."
        })
final class SurveyStatsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "Answers as .csv or .xlsx.")
    Path file;

    @Option(
            names = "--construct",
            paramLabel = "NAME=ITEM,ITEM...",
            description = "A group of items to report together (mean, SD, alpha); repeatable.")
    List<String> constructs = new ArrayList<>();

    @Override
    public Integer call() {
        try {
            var table = ResponseFiles.read(file);
            if (!table.droppedRows().isEmpty()) {
                System.err.printf(
                        "note: left out %d respondent(s) with missing answers, rows %s%n",
                        table.droppedRows().size(), table.droppedRows());
            }
            // The product's own XLSX export names the constructs; --construct overrides them.
            var constructs = this.constructs.isEmpty() ? ResponseFiles.constructs(file) : constructs();
            var report = new SurveyStatistics().analyse(table.answers(), constructs);
            var json = StatisticsJson.of(report);
            json.put("excluded_incomplete", table.droppedRows().size());
            System.out.println(JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .build()
                    .writeValueAsString(json));
            return ExitCodes.OK;
        } catch (SurveyFileException | SurveyDataException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    private List<SurveyStatistics.Construct> constructs() {
        var list = new ArrayList<SurveyStatistics.Construct>();
        for (String spec : constructs) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new SurveyDataException("--construct takes NAME=ITEM,ITEM..., not \"" + spec + "\"");
            }
            list.add(new SurveyStatistics.Construct(
                    spec.substring(0, eq).strip(),
                    Arrays.stream(spec.substring(eq + 1).split(","))
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .toList()));
        }
        return list;
    }
}
