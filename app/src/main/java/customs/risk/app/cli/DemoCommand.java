package customs.risk.app.cli;

import customs.risk.documents.filing.DocumentService;
import customs.risk.engine.RiskService;
import customs.risk.engine.resolution.ResolutionService;
import customs.risk.graph.DataDirectory;
import customs.risk.graph.access.Role;
import customs.risk.graph.files.Folders;
import customs.risk.ingest.BundleException;
import customs.risk.ingest.BundleIngester;
import customs.risk.survey.service.SurveyModel;
import customs.risk.survey.service.SurveyService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/** {@code ./risk demo}: the application with the sample bundle loaded. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Start the application with the demo bundle (fixtures/sample) loaded, and print its URL.",
            "Loading is idempotent: running demo again on the same data dir adds nothing twice.",
            "Runs with the 'demo' profile: on an empty user store it creates one user per role (admin, officer,"
                    + " investigator, inspector, trader), all with the password 'customs-demo'."
        })
final class DemoCommand implements Callable<Integer> {

    private static final String SAMPLE = "sample/bundle/";

    @Mixin
    DataDirOption data;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        var context = ApplicationContexts.start(data.dataDir, true, springArgs, "demo");
        loadSample(context);
        String port = context.getEnvironment().getProperty("local.server.port", "8080");
        System.out.printf(
                "%nCustoms risk engine ready at http://localhost:%s/ (demo data loaded, %.1f s after start)%n",
                port, (System.nanoTime() - started) / 1e9);
        System.out.println("Demo users (on a fresh data dir): admin, officer, investigator, inspector, trader;"
                + " password 'customs-demo'.");
        ApplicationContexts.awaitClose(context);
        return ExitCodes.OK;
    }

    private static void loadSample(ConfigurableApplicationContext context) throws IOException, BundleException {
        Path bundle = Files.createTempDirectory("demo-bundle");
        try {
            var resources = new PathMatchingResourcePatternResolver().getResources("classpath*:" + SAMPLE + "**");
            for (var resource : resources) {
                String url = resource.getURL().toString();
                if (!resource.isReadable() || url.endsWith("/")) {
                    continue;
                }
                Path target = bundle.resolve(url.substring(url.lastIndexOf(SAMPLE) + SAMPLE.length()))
                        .normalize();
                if (!target.startsWith(bundle)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = resource.getInputStream()) {
                    Files.copy(in, target);
                }
            }
            Path report = context.getBean(DataDirectory.class).reports().resolve("demo-sample.csv");
            var progress = new ConsoleProgress(System.err);
            var result = context.getBean(BundleIngester.class).ingest(bundle, report, progress);
            progress.finish();
            IngestCommand.print(result);
            // Parties, scores and searchable documents from the first minute: resolve the new company
            // records, train once, then score what is new.
            var resolved = context.getBean(ResolutionService.class).resolveChanged();
            System.out.println("Entity resolution: " + resolved.partiesLine());
            var risk = context.getBean(RiskService.class);
            if (risk.currentModel().isEmpty()) {
                System.out.println("Training the first model on the demo data: "
                        + risk.train().model().version());
            } else {
                risk.scoreNew();
            }
            context.getBean(DocumentService.class).indexNew();
            openDemoSurvey(context.getBean(SurveyService.class));
        } finally {
            Folders.deleteRecursively(bundle);
        }
    }

    /** An acceptance survey open to the staff, so that the survey pages have something to show. */
    private static void openDemoSurvey(SurveyService surveys) {
        if (!surveys.all().isEmpty()) {
            return;
        }
        var draft = new SurveyModel.Draft(
                "Acceptance of the risk engine (pilot)",
                Set.of(Role.RISK_OFFICER, Role.INVESTIGATOR, Role.INSPECTOR),
                List.of(
                        new SurveyModel.ConstructDraft(
                                "Information collection",
                                List.of(
                                        "The system gathers the declaration data I need",
                                        "Inspection results are recorded without delay")),
                        new SurveyModel.ConstructDraft(
                                "Coordination",
                                List.of(
                                        "Risk officers and inspectors agree on which consignments to check",
                                        "Cases make it easy to work on an investigation together")),
                        new SurveyModel.ConstructDraft(
                                "Analysis",
                                List.of(
                                        "The risk scores point me to the consignments that deserve attention",
                                        "The reasons given with a score make sense to me")),
                        new SurveyModel.ConstructDraft(
                                "Dissemination",
                                List.of(
                                        "Inspection results come back to the risk officers quickly",
                                        "Announcements reach the people who need them"))));
        surveys.open(surveys.create("admin", draft).id());
    }
}
