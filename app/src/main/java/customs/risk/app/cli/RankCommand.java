package customs.risk.app.cli;

import customs.risk.engine.RiskService;
import customs.risk.engine.ranking.RankingFilter;
import customs.risk.engine.ranking.RiskStore;
import customs.risk.graph.text.SpreadsheetSafe;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/** {@code ./risk rank entities|declarations --top N}: the ranking as CSV on standard output. */
@Command(
        name = "rank",
        mixinStandardHelpOptions = true,
        description = {
            "Print the riskiest entities or declarations as CSV, riskiest first:",
            "rank,entity_id,score,lane,reasons (declaration_id for declarations); reasons separated by ' | '.",
            "Scores come from the last './risk score'."
        })
final class RankCommand implements Callable<Integer> {

    enum What {
        entities,
        declarations
    }

    @Parameters(index = "0", paramLabel = "WHAT", description = "entities or declarations")
    What what;

    @Option(
            names = "--top",
            defaultValue = "20",
            paramLabel = "N",
            description = "How many (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(
            names = "--from",
            paramLabel = "DATE",
            description = "Declarations filed on or after this date (e.g. 2021-04-01: the ones still to decide on).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Declarations filed on or before this date.")
    LocalDate to;

    @Mixin
    DataDirOption data;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (what == What.entities && (from != null || to != null)) {
            System.err.println("error: --from and --to filter declarations only");
            return ExitCodes.USAGE;
        }
        if (top < 1) {
            System.err.println("error: --top must be positive");
            return ExitCodes.USAGE;
        }
        try (var context = ApplicationContexts.start(data.dataDir, false, springArgs)) {
            var kind = what == What.entities ? RiskStore.Kind.ENTITIES : RiskStore.Kind.DECLARATIONS;
            var filter = new RankingFilter(null, null, null, null, from, to);
            var items = context.getBean(RiskService.class).page(kind, filter, 0, top);
            var out = new CSVPrinter(
                    new OutputStreamWriter(System.out, StandardCharsets.UTF_8),
                    CSVFormat.RFC4180
                            .builder()
                            .setRecordSeparator("\n")
                            .setHeader(
                                    "rank",
                                    what == What.entities ? "entity_id" : "declaration_id",
                                    "score",
                                    "lane",
                                    "reasons")
                            .get());
            for (int i = 0; i < items.size(); i++) {
                var item = items.get(i);
                out.printRecord(
                        i + 1,
                        SpreadsheetSafe.text(item.id()),
                        String.format(Locale.ROOT, "%.4f", item.score()),
                        item.lane().name().toLowerCase(),
                        SpreadsheetSafe.text(String.join(" | ", item.reasons())));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
