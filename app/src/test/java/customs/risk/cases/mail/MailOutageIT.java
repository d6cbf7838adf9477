package customs.risk.cases.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import customs.risk.app.RiskApplication;
import customs.risk.app.TestStores;
import customs.risk.cases.CaseConversation;
import customs.risk.cases.CaseService;
import customs.risk.cases.team.UserAccounts;
import customs.risk.graph.access.Actor;
import customs.risk.graph.access.Role;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With the mail server down, case work goes on as if mail were off: nothing fails or waits. The
 * notifications are kept, and go out once the server is back, each once.
 */
@SpringBootTest(classes = RiskApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class MailOutageIT {

    /** A port nothing listens on until the test starts a mail server there. */
    private static final int SMTP_PORT = freePort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestStores.withoutSearch(registry, "mail-outage-it");
        registry.add("risk.mail.enabled", () -> "true");
        registry.add("risk.mail.retry-interval", () -> "200ms");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired
    UserAccounts accounts;

    @Autowired
    CaseService cases;

    @Autowired
    CaseConversation conversation;

    @Autowired
    Driver driver;

    @Test
    void caseWorkSucceedsWhileMailIsDownAndTheNotificationsGoOutOnceItIsBack() throws Exception {
        for (String name : List.of("outage-owner", "outage-member")) {
            accounts.create(name, "an-outage-password", Set.of(Role.INVESTIGATOR), null);
            accounts.setEmail(name, name + "@customs.test");
        }
        var owner = new Actor("outage-owner", false);
        long start = System.nanoTime();

        String id = cases.create(owner, "Mail is down", null, null, List.of("outage-member"))
                .id();
        var posted = conversation.post(owner, id, "@outage-member still reachable here", "down-1");

        assertThat(posted.created()).isTrue();
        assertThat(conversation.messages(owner, id, 0, 10)).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        await(() -> pendingMails() == 2, "the assignment and the mention mail are kept");

        var mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try {
            await(() -> pendingMails() == 0, "the kept mails are sent");
            var subjects = Arrays.stream(mail.getReceivedMessages())
                    .map(MailOutageIT::subject)
                    .toList();
            assertThat(subjects)
                    .containsExactlyInAnyOrder(
                            "[" + id + "] You were added to: Mail is down", "[" + id + "] @outage-owner mentioned you");
        } finally {
            mail.stop();
        }
    }

    private long pendingMails() {
        try (var session = driver.session()) {
            return session.run("MATCH (p:PendingMail) RETURN count(p) AS n")
                    .single()
                    .get("n")
                    .asLong();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        org.awaitility.Awaitility.await(what).atMost(Duration.ofSeconds(30)).until(condition::getAsBoolean);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
