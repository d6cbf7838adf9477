package customs.risk.app.cli;

import customs.risk.engine.RiskService;
import customs.risk.engine.ranking.Lane;
import customs.risk.engine.ranking.ScoredItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/** {@code ./risk score}: rescore everything in the data dir. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Rescore every declaration and company of the data dir with the current model (graph"
                    + " features anew, models as trained) and store the scores in the graph. Trains the first model"
                    + " when there is none."
        })
final class ScoreCommand implements Callable<Integer> {

    @Mixin
    DataDirOption data;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() {
        try (var context = ApplicationContexts.start(data.dataDir, false, springArgs)) {
            long started = System.nanoTime();
            var assessment = context.getBean(RiskService.class).rescore();
            System.out.printf(
                    "Scored %,d declarations (%s) and %,d companies (%s) with %s in %.1f s%n",
                    assessment.declarationCount(),
                    lanes(assessment.declarationLanes()),
                    assessment.entities().size(),
                    lanes(laneCounts(assessment.entities())),
                    assessment.model(),
                    (System.nanoTime() - started) / 1e9);
            return ExitCodes.OK;
        }
    }

    private static String lanes(Map<Lane, Long> counts) {
        var parts = new ArrayList<String>();
        for (Lane lane : Lane.values()) {
            parts.add(String.format(
                    "%,d %s", counts.getOrDefault(lane, 0L), lane.name().toLowerCase()));
        }
        return String.join(", ", parts);
    }

    private static Map<Lane, Long> laneCounts(List<ScoredItem> items) {
        return items.stream().collect(Collectors.groupingBy(ScoredItem::lane, Collectors.counting()));
    }
}
