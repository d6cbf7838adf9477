package customs.risk.bench;

import customs.risk.app.cli.RiskCommand;

/**
 * {@code ./risk bench ...}: the application's command line with the benchmarks added. They ship in
 * a jar of their own, so the application carries no benchmark code.
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line with {@code bench}; returns the exit code. */
    public static int execute(String... args) {
        return RiskCommand.commandLine().addSubcommand(new BenchCommand()).execute(args);
    }
}
