package customs.risk.app.cli;

import customs.risk.engine.RiskService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/** {@code ./risk train}: fit a new model version and rescore everything with it. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Fit a new model version on everything in the data dir (price baseline and autoencoder,"
                    + " the backtest that blends them, the model learnt from inspection outcomes), keep it under"
                    + " models/ in the data dir, and rescore everything with it."
        })
final class TrainCommand implements Callable<Integer> {

    @Mixin
    DataDirOption data;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() {
        try (var context = ApplicationContexts.start(data.dataDir, false, springArgs)) {
            long started = System.nanoTime();
            var trained = context.getBean(RiskService.class).train();
            var model = trained.model();
            var assessment = trained.assessment();
            System.out.printf(
                    "Trained model %s on %s declarations and %s inspections in %.1f s%n",
                    model.version(),
                    model.facts().get("declarations"),
                    model.facts().get("inspections"),
                    (System.nanoTime() - started) / 1e9);
            System.out.println("  declaration autoencoder: " + model.facts().get("declarationAutoencoder"));
            System.out.println("  declaration score: " + model.facts().get("declarationModel"));
            System.out.println("  company score: " + model.facts().get("companyModel"));
            assessment
                    .stages()
                    .forEach((stage, took) -> System.out.printf("  %-32s %6.1f s%n", stage, took.toMillis() / 1000.0));
            System.out.printf(
                    "Scored %,d declarations and %,d companies with %s%n",
                    assessment.declarationCount(), assessment.entities().size(), model.version());
            return ExitCodes.OK;
        }
    }
}
