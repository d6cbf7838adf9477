package customs.risk.app.security;

import customs.risk.cases.team.UserAccounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed logins per username and per client address in a sliding window; once a key reaches
 * its limit, attempts under it are refused for the lockout period, whatever the password (so guessing
 * goes no faster with the right one among the guesses). Kept in memory: a restart forgets it, which
 * costs an attacker a restart they cannot cause. The number of keys is bounded, so random usernames
 * cannot exhaust the heap.
 */
public class LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    private static final int MAX_KEYS = 50_000;

    private final SecuritySettings.Login settings;
    private final Clock clock;
    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(SecuritySettings.Login settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** How long attempts for this username or from this address are still refused, if they are. */
    public Optional<Duration> refusedFor(String username, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : keys(username, address)) {
            var f = failures.get(key);
            if (f != null) {
                Duration left = f.lockedFor(now);
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_KEYS) {
            failures.values().removeIf(f -> f.idle(now));
        }
        String user = userKey(username);
        record(user, settings.maxFailures(), now, username);
        if (address != null) {
            record("ip:" + address, settings.maxFailuresPerAddress(), now, address);
        }
    }

    /** A successful login forgets the username's failures (not the address's: one success must not reset a spray). */
    public void succeeded(String username) {
        failures.remove(userKey(username));
    }

    /** Lifts every lockout, e.g. after an admin has dealt with the cause. */
    public void clear() {
        failures.clear();
    }

    private void record(String key, int limit, Instant now, String who) {
        if (failures.size() >= MAX_KEYS && !failures.containsKey(key)) {
            return;
        }
        var f = failures.computeIfAbsent(key, k -> new Failures());
        if (f.add(now, limit)) {
            LOG.warn(
                    "{} failed logins for {} within {}: attempts refused for {}",
                    limit,
                    who,
                    settings.window(),
                    settings.lockout());
        }
    }

    private static String userKey(String username) {
        return "user:" + UserAccounts.normalize(username);
    }

    private static String[] keys(String username, String address) {
        return address == null ? new String[] {userKey(username)} : new String[] {userKey(username), "ip:" + address};
    }

    private final class Failures {
        private final Deque<Instant> times = new ArrayDeque<>();
        private Instant lockedUntil = Instant.MIN;

        synchronized Duration lockedFor(Instant now) {
            return now.isBefore(lockedUntil) ? Duration.between(now, lockedUntil) : Duration.ZERO;
        }

        /** Records a failure; true when it starts a lockout. */
        synchronized boolean add(Instant now, int limit) {
            if (now.isBefore(lockedUntil)) {
                return false;
            }
            Instant from = now.minus(settings.window());
            while (!times.isEmpty() && times.peekFirst().isBefore(from)) {
                times.removeFirst();
            }
            times.addLast(now);
            if (times.size() >= limit) {
                times.clear();
                lockedUntil = now.plus(settings.lockout());
                return true;
            }
            return false;
        }

        synchronized boolean idle(Instant now) {
            return !now.isBefore(lockedUntil)
                    && (times.isEmpty() || times.peekLast().isBefore(now.minus(settings.window())));
        }
    }
}
