package customs.risk.app;

import com.vaadin.flow.spring.annotation.EnableVaadin;
import customs.risk.app.cli.RiskCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The customs risk application: one jar for the web UI, the REST API and the command line.
 * {@code ./risk serve} starts the server; other commands run against the same stores and exit.
 * It assembles the services and views of the other modules, all under {@code customs.risk}.
 */
@SpringBootApplication(scanBasePackages = "customs.risk")
@ConfigurationPropertiesScan("customs.risk")
@EnableVaadin("customs.risk.ui")
public class RiskApplication {

    public static void main(String[] args) {
        System.exit(RiskCommand.execute(args));
    }
}
