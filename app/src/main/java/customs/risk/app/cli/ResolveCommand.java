package customs.risk.app.cli;

import customs.risk.engine.RiskService;
import customs.risk.engine.resolution.MatchStatus;
import customs.risk.engine.resolution.ResolutionService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code ./risk resolve}: entity resolution over every company record of the data dir. */
@Command(
        name = "resolve",
        mixinStandardHelpOptions = true,
        description = {
            "Resolve which company records describe one firm (names, addresses, phones, e-mails and"
                    + " registration numbers compared by a match model), link them into parties and queue the"
                    + " doubtful pairs for review; decisions people made stand. Then rescore with the current model"
                    + " when parties changed, so that detectors and rankings work on parties."
        })
final class ResolveCommand implements Callable<Integer> {

    @Mixin
    DataDirOption data;

    @Option(
            names = "--changed",
            description = "Only the records that are new or changed since they were last resolved.")
    boolean changedOnly;

    @Option(names = "--no-score", description = "Do not rescore afterwards.")
    boolean noScore;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() {
        try (var context = ApplicationContexts.start(data.dataDir, false, springArgs)) {
            var resolution = context.getBean(ResolutionService.class);
            var s = changedOnly ? resolution.resolveChanged() : resolution.resolveAll();
            var model = s.model();
            System.out.printf(
                    "Resolved %,d company records: %,d candidate pairs, %,d merged by the model (probability >= %.3f),"
                            + " %,d to review (>= %.3f)%n",
                    s.records(), s.candidates(), s.merged(), model.autoMerge(), s.toReview(), model.review());
            System.out.printf(
                    "%,d parties hold %,d records; %,d of them chain records the model finds unlike; %,d records"
                            + " changed party%n",
                    s.parties(), s.inParties(), s.chains(), s.changed());
            var counts = resolution.counts();
            System.out.printf(
                    "Decisions kept: %,d accepted, %,d rejected, %,d unsure; match model fitted on %,d labelled pairs%n",
                    counts.get(MatchStatus.ACCEPTED),
                    counts.get(MatchStatus.REJECTED),
                    counts.get(MatchStatus.UNSURE),
                    model.labelledPairs());
            var stages = new ArrayList<String>();
            s.stages()
                    .forEach((stage, took) -> stages.add(String.format("%s %.1f s", stage, took.toMillis() / 1000.0)));
            System.out.println("Took " + String.join(", ", stages));
            var risk = context.getBean(RiskService.class);
            if (s.changed() > 0 && !noScore && risk.currentModel().isPresent()) {
                long started = System.nanoTime();
                var assessment = risk.rescore();
                System.out.printf(
                        "Rescored %,d declarations and %,d companies with %s in %.1f s%n",
                        assessment.declarationCount(),
                        assessment.entities().size(),
                        assessment.model(),
                        (System.nanoTime() - started) / 1e9);
            }
            return ExitCodes.OK;
        }
    }
}
