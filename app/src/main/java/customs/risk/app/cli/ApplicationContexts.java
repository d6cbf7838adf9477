package customs.risk.app.cli;

import customs.risk.app.RiskApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/** Starts the application context for a command: with the web server for serve/demo, without for the rest. */
public final class ApplicationContexts {

    private ApplicationContexts() {}

    public static ConfigurableApplicationContext start(Path dataDir, boolean web, List<String> springArgs) {
        return start(dataDir, web, springArgs, new String[0]);
    }

    /** @param profiles Spring profiles added to those configured, e.g. {@code demo} for the demo users */
    static ConfigurableApplicationContext start(
            Path dataDir, boolean web, List<String> springArgs, String... profiles) {
        var args = new ArrayList<String>(springArgs);
        args.add("--risk.data-dir=" + dataDir);
        var builder = new SpringApplicationBuilder(RiskApplication.class)
                .web(web ? WebApplicationType.SERVLET : WebApplicationType.NONE)
                .profiles(profiles);
        if (!web) {
            // Vaadin's auto-configuration assumes a servlet context; commands without a web server skip it.
            builder.properties(
                    "spring.main.banner-mode=off",
                    "logging.level.root=WARN",
                    "logging.level.customs.risk=WARN",
                    "spring.autoconfigure.exclude=com.vaadin.flow.spring.SpringBootAutoConfiguration,"
                            + "com.vaadin.flow.spring.SpringSecurityAutoConfiguration,"
                            + "com.vaadin.flow.spring.VaadinScopesConfig");
        }
        return builder.run(args.toArray(String[]::new));
    }

    /** Blocks until the application stops (Ctrl-C, SIGTERM or the actuator), for serve and demo. */
    static void awaitClose(ConfigurableApplicationContext context) throws InterruptedException {
        var closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        if (context.isActive()) {
            closed.await();
        }
    }
}
