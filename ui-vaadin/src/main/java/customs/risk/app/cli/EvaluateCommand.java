package customs.risk.app.cli;

import customs.risk.app.risk.RiskService;
import customs.risk.engine.evaluation.GroundTruthEvaluation;
import customs.risk.engine.evaluation.KcsEvaluation;
import customs.risk.engine.learning.GradientBoostedTrees;
import customs.risk.fixtures.BundleGenerator;
import customs.risk.fixtures.GeneratorSettings;
import customs.risk.graph.DataDirectory;
import customs.risk.graph.files.FileStore;
import customs.risk.graph.files.Folders;
import customs.risk.ingest.BundleIngester;
import customs.risk.ingest.IngestListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code ./risk evaluate}: how well the engine finds what is known to be there. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Print evaluation figures: (a) a generated bundle scored against its ground truth"
                + " (top-K entities and declarations, per scheme, decoys as false positives); (b) the public KCS"
                + " dataset: trained on train (+valid), precision/recall/revenue@1/2/5/10%% on the test split,"
                + " beside the published best."})
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--seed", defaultValue = "2026", description = "Seed of the generated bundle (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--declarations", defaultValue = "50000", paramLabel = "N",
            description = "Declarations of the generated bundle (default: ${DEFAULT-VALUE}).")
    int declarations;

    @Option(names = "--bundle", paramLabel = "DIR",
            description = "Evaluate this generated output (DIR/bundle and DIR/ground_truth.csv) instead of generating one.")
    Path bundle;

    @Option(names = "--kcs", paramLabel = "DIR", defaultValue = "../shared/datasets/kcs",
            description = "Folder of the KCS dataset (default: ${DEFAULT-VALUE}).")
    Path kcs;

    @Option(names = "--skip-generated", description = "Only the KCS evaluation.")
    boolean skipGenerated;

    @Option(names = "--skip-kcs", description = "Only the generated-data evaluation.")
    boolean skipKcs;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (!skipGenerated) {
            evaluateGenerated();
        }
        if (!skipKcs) {
            if (!Files.isDirectory(kcs)) {
                System.err.println("error: no KCS dataset in " + kcs + " (give --kcs DIR, or --skip-kcs)");
                return ExitCodes.USAGE;
            }
            System.out.println();
            KcsEvaluation.run(kcs, GradientBoostedTrees.Settings.DEFAULTS, System.out);
        }
        return ExitCodes.OK;
    }

    private void evaluateGenerated() throws Exception {
        Path work = Files.createTempDirectory("evaluate");
        try {
            Path out = bundle;
            if (out == null) {
                out = work.resolve("generated");
                BundleGenerator.generate(GeneratorSettings.defaults(seed, declarations), out);
            }
            var data = new DataDirectory(work.resolve("data"));
            BundleIngester.importIntoNewStore(out.resolve(BundleGenerator.BUNDLE_DIR), data.neo4jHome(),
                    new FileStore(data.files()), data.reports().resolve("ingest.csv"), IngestListener.NONE);
            try (var context = ApplicationContexts.start(data.root(), false, springArgs)) {
                var risk = context.getBean(RiskService.class);
                var assessment = risk.rescore();
                risk.currentModel().ifPresent(m -> System.out.println("price model: " + m.price().backtest().describe()));
                GroundTruthEvaluation.evaluate(assessment, out.resolve(BundleGenerator.GROUND_TRUTH_FILE), System.out);
            }
        } finally {
            Folders.deleteRecursively(work);
        }
    }
}
