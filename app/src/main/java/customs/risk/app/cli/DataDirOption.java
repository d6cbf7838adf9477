package customs.risk.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option every command takes. */
final class DataDirOption {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "${RISK_DATA_DIR:-./data}",
            description = "Folder holding the embedded stores (default: ${DEFAULT-VALUE}).")
    Path dataDir;
}
