package customs.risk.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The throttle's arithmetic on a clock the test moves: windows, lockouts, and what a success forgets. */
class LoginThrottleTest {

    private Instant now = Instant.parse("2025-01-01T09:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(
            new SecuritySettings.Login(3, Duration.ofMinutes(5), Duration.ofMinutes(10), 5), new Clock() {
                @Override
                public Instant instant() {
                    return now;
                }

                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }
            });

    @Test
    void theLimitWithinTheWindowLocksTheUsernameForTheLockout() {
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("Alice", "10.0.0.2");
        assertThat(throttle.refusedFor("alice", "10.0.0.3")).isEmpty();
        throttle.failed("ALICE ", "10.0.0.3");

        assertThat(throttle.refusedFor("alice", "10.0.0.9")).hasValue(Duration.ofMinutes(10));
        assertThat(throttle.refusedFor("bob", "10.0.0.9"))
                .as("another user is not affected")
                .isEmpty();
        now = now.plus(Duration.ofMinutes(9));
        assertThat(throttle.refusedFor("alice", null)).hasValue(Duration.ofMinutes(1));
        now = now.plus(Duration.ofMinutes(1));
        assertThat(throttle.refusedFor("alice", null)).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        throttle.failed("alice", null);
        throttle.failed("alice", null);
        now = now.plus(Duration.ofMinutes(6));
        throttle.failed("alice", null);

        assertThat(throttle.refusedFor("alice", null)).isEmpty();
    }

    @Test
    void aSuccessForgetsTheUsernamesFailuresButNotTheAddresses() {
        for (String user : new String[] {"a1", "a2", "a3", "a4"}) {
            throttle.failed(user, "10.0.0.1");
        }
        throttle.failed("alice", "10.0.0.1");

        assertThat(throttle.refusedFor("someone-else", "10.0.0.1"))
                .as("5 failures from one address")
                .hasValue(Duration.ofMinutes(10));
        throttle.succeeded("alice");
        assertThat(throttle.refusedFor("someone-else", "10.0.0.1")).isPresent();
        assertThat(throttle.refusedFor("someone-else", "10.0.0.2")).isEmpty();
    }
}
