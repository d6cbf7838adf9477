package customs.risk.app.cli;

import customs.risk.fixtures.BundleGenerator;
import customs.risk.fixtures.GeneratorSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./risk generate}: a realistic bundle with planted schemes and its ground truth. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Write a generated bundle (OUT/bundle) and its ground truth (OUT/ground_truth.csv).",
            "The same seed and sizes always give the same files."
        })
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--declarations",
            defaultValue = "10000",
            paramLabel = "N",
            description = "Goods-item rows in declarations.csv (default: ${DEFAULT-VALUE}).")
    int declarations;

    @Option(
            names = "--companies",
            paramLabel = "N",
            description = "Companies in the universe (default: declarations / 20, at least 200).")
    Integer companies;

    @Option(
            names = "--inspection-rate",
            paramLabel = "R",
            defaultValue = "" + GeneratorSettings.INSPECTION_RATE_DEFAULT,
            description = "Share of declarations inspected (default: ${DEFAULT-VALUE}).")
    double inspectionRate;

    @Option(
            names = "--document-rate",
            paramLabel = "R",
            defaultValue = "" + GeneratorSettings.DOCUMENT_RATE_DEFAULT,
            description = "Share of declarations with filed documents (default: ${DEFAULT-VALUE}).")
    double documentRate;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() {
        var defaults = GeneratorSettings.defaults(seed, declarations);
        var settings = new GeneratorSettings(
                seed, declarations, companies != null ? companies : defaults.companies(), inspectionRate, documentRate);
        long started = System.nanoTime();
        var summary = BundleGenerator.generate(settings, out);
        System.out.printf(
                "Generated %,d declarations, %,d companies (and %,d more records of planted duplicates and look-alike"
                        + " firms, see entity_truth.csv), %,d inspections, %,d documents in %.1f s%n",
                summary.declarations(),
                summary.companies(),
                summary.duplicateRecords(),
                summary.inspections(),
                summary.documents(),
                (System.nanoTime() - started) / 1e9);
        System.out.printf(
                "Planted: %,d companies, %,d people, %,d declarations; decoys: %,d companies, %,d declarations%n",
                summary.plantedCompanies(),
                summary.plantedPeople(),
                summary.plantedDeclarations(),
                summary.decoyCompanies(),
                summary.decoyDeclarations());
        System.out.println("Bundle: " + summary.bundleDir().toAbsolutePath());
        System.out.println("Ground truth: " + summary.groundTruth().toAbsolutePath());
        return ExitCodes.OK;
    }
}
