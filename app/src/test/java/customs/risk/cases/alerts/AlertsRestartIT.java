package customs.risk.cases.alerts;

import static customs.risk.cases.alerts.AlertBundles.COMPANIES;
import static customs.risk.cases.alerts.AlertBundles.DECLARATIONS;
import static customs.risk.cases.alerts.AlertBundles.OFFICES;
import static customs.risk.cases.alerts.AlertBundles.declaration;
import static customs.risk.cases.alerts.AlertBundles.load;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import customs.risk.app.cli.ApplicationContexts;
import customs.risk.app.security.TestAdmin;
import customs.risk.cases.team.UserAccounts;
import customs.risk.graph.TestFolders;
import customs.risk.graph.access.Actor;
import customs.risk.graph.access.Role;
import customs.risk.ingest.jobs.IngestJobs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server stops after a bundle raised alerts and before their mail could go (the mail server is
 * down): after the restart, with the mail server back, each alert is still there once and its mail
 * goes out once.
 */
class AlertsRestartIT {

    private static final int SMTP_PORT = freePort();

    @Test
    void aRestartBetweenIngestAndDeliveryLosesNothingAndDuplicatesNothing() throws Exception {
        Path dataDir = TestFolders.temporary("alerts-restart-it");
        var ana = new Actor("restart-ana", false);
        try (var first = start(dataDir)) {
            var accounts = first.getBean(UserAccounts.class);
            accounts.create(ana.username(), "an-alerts-password", Set.of(Role.INVESTIGATOR), null);
            accounts.setEmail(ana.username(), "ana@customs.test");
            var alerts = first.getBean(AlertService.class);
            alerts.setMailChoice(ana.username(), Watch.Mail.IMMEDIATE);
            var jobs = first.getBean(IngestJobs.class);
            load(
                    jobs,
                    Map.of(
                            "offices.csv",
                            OFFICES,
                            "companies.csv",
                            COMPANIES + "R-ACME,Restart Imports,KR,,,\n" + "R-SUP,Restart Supplier,CN,,,\n"));
            alerts.watch(ana, Watch.Request.entity("Company:R-ACME"));
            load(
                    jobs,
                    Map.of(
                            "declarations.csv",
                            DECLARATIONS
                                    + declaration("R-D1", "R-SUP", "R-ACME", "841370", "CN")
                                    + declaration("R-D2", "R-SUP", "R-ACME", "841370", "CN")));
            assertThat(alerts.unread(ana)).isEqualTo(2);
            // The mailer tried and failed: the alerts wait in the graph.
            Thread.sleep(1_000);
        }

        var mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try (var second = start(dataDir)) {
            var alerts = second.getBean(AlertService.class);
            Awaitility.await("the kept alert mail goes out")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> mail.getReceivedMessages().length >= 1);
            alerts.sweep();
            Thread.sleep(1_500);
            assertThat(mail.getReceivedMessages()).hasSize(1);
            assertThat(mail.getReceivedMessages()[0].getSubject())
                    .isEqualTo("[Alert] 2 new declarations: Restart Imports (R-ACME)");
            assertThat(alerts.groups(ana, false, 0, 10)).singleElement().satisfies(g -> {
                assertThat(g.count()).isEqualTo(2);
                assertThat(g.unread()).isEqualTo(2);
            });
        } finally {
            mail.stop();
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return ApplicationContexts.start(
                dataDir,
                false,
                List.of(
                        "--risk.elasticsearch.uris=" + customs.risk.app.TestStores.NO_SEARCH_ENGINE,
                        "--risk.security.admin-username=" + TestAdmin.USERNAME,
                        "--risk.security.admin-password=" + TestAdmin.PASSWORD,
                        "--risk.security.bcrypt-strength=4",
                        "--risk.mail.enabled=true",
                        "--risk.mail.retry-interval=200ms",
                        "--risk.alerts.mail-interval=200ms",
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + SMTP_PORT));
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
