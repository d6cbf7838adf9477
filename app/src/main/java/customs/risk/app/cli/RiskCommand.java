package customs.risk.app.cli;

import customs.risk.app.StartupMistakes;
import customs.risk.app.security.FirstAdminMissingException;
import customs.risk.graph.store.StoreUnavailableException;
import customs.risk.ingest.BundleException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./risk}: the command line of the customs risk engine. */
@Command(
        name = "risk",
        mixinStandardHelpOptions = true,
        version = "customs-risk 0.1",
        description = "Graph-based entity risk engine for customs inspection.",
        subcommands = {
            ServeCommand.class,
            DemoCommand.class,
            IngestCommand.class,
            StatsCommand.class,
            TrainCommand.class,
            ScoreCommand.class,
            ResolveCommand.class,
            RankCommand.class,
            SearchCommand.class,
            ReindexCommand.class,
            EvaluateCommand.class,
            GenerateCommand.class,
            SurveyStatsCommand.class,
            UsersCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Exit codes: 0 ok, 1 failure (e.g. store unavailable), 2 usage or unusable bundle,"
                    + " 3 loaded with rejected rows.",
            "Run './risk COMMAND --help' for the options of a command."
        })
public final class RiskCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line; returns the exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The command line with its commands and its one-line error answers, for a build that adds
     * commands of its own (the benchmarks).
     */
    public static CommandLine commandLine() {
        return new CommandLine(new RiskCommand()).setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = rootCause(e);
            if (cause instanceof BundleException) {
                commandLine.getErr().println("error: " + cause.getMessage());
                return ExitCodes.USAGE;
            }
            if (cause instanceof StoreUnavailableException || cause instanceof FirstAdminMissingException) {
                commandLine.getErr().println("error: " + cause.getMessage());
                return ExitCodes.FAILURE;
            }
            // Spring's own start-up mistakes (a port in use, a malformed property) say it best at the bottom.
            Throwable deepest = e;
            while (deepest.getCause() != null) {
                deepest = deepest.getCause();
            }
            commandLine
                    .getErr()
                    .println("error: "
                            + (deepest.getMessage() == null
                                    ? deepest
                                    : deepest.getMessage().strip().replaceAll("\\s*\\n\\s*", " ")));
            return ExitCodes.FAILURE;
        });
    }

    /** The first cause that says something a user can act on (Spring wraps start-up failures deeply). */
    private static Throwable rootCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (StartupMistakes.isMistake(t)) {
                return t;
            }
        }
        return e;
    }
}
