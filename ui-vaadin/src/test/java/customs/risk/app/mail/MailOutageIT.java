package customs.risk.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.app.cases.Actor;
import customs.risk.app.cases.CaseService;
import customs.risk.app.security.Role;
import customs.risk.app.security.TestAdmin;
import customs.risk.app.security.UserAccounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With the mail server unreachable, case work goes on as if mail were off: nothing fails or waits. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class MailOutageIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("risk.data-dir", MailOutageIT::tempDir);
        registry.add("risk.elasticsearch.uris", () -> "http://127.0.0.1:9");
        TestAdmin.register(registry);
        registry.add("risk.mail.enabled", () -> "true");
        // Nothing listens on the discard port: every connection is refused.
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> "9");
    }

    @Autowired
    UserAccounts accounts;

    @Autowired
    CaseService cases;

    @Test
    void caseOperationsSucceedWhileNoMailCanBeSent() {
        for (String name : List.of("outage-owner", "outage-member")) {
            accounts.create(name, "an-outage-password", Set.of(Role.INVESTIGATOR), null);
            accounts.setEmail(name, name + "@customs.test");
        }
        var owner = new Actor("outage-owner", false);
        long start = System.nanoTime();

        String id = cases.create(owner, "Mail is down", null, null, List.of("outage-member")).id();
        var posted = cases.post(owner, id, "@outage-member still reachable here", "down-1");

        assertThat(posted.created()).isTrue();
        assertThat(cases.messages(owner, id, 0, 10)).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("mail-outage-it").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
