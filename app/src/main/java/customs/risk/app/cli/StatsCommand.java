package customs.risk.app.cli;

import customs.risk.graph.store.GraphCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.neo4j.driver.Driver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/** {@code ./risk stats}: node counts as one JSON object. */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = "Print node counts of the data dir as one JSON object (companies, people, declarations,"
                + " offices, inspections, documents, placeholders).")
final class StatsCommand implements Callable<Integer> {

    @Mixin
    DataDirOption data;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() {
        try (var context = ApplicationContexts.start(data.dataDir, false, springArgs)) {
            var counts = GraphCounts.read(context.getBean(Driver.class)).asMap();
            System.out.println(counts.entrySet().stream()
                    .map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                    .collect(Collectors.joining(", ", "{", "}")));
            return ExitCodes.OK;
        }
    }
}
