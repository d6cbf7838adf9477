package customs.risk.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/** {@code ./risk serve}: the web UI and REST API until stopped. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Start the application (web UI and REST API) on the data dir.",
            "Port: SERVER_PORT or --server.port=N (default 8080). Other Spring properties pass through,"
                    + " e.g. --risk.neo4j.embedded=false --spring.neo4j.uri=neo4j://host:7687.",
            "First start on an empty user store: set RISK_ADMIN_PASSWORD (or --risk.security.admin-password=...)"
                    + " to create the admin 'admin' (RISK_ADMIN_USERNAME to name it otherwise)."
        })
final class ServeCommand implements Callable<Integer> {

    @Mixin
    DataDirOption data;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        ApplicationContexts.awaitClose(ApplicationContexts.start(data.dataDir, true, springArgs));
        return ExitCodes.OK;
    }
}
