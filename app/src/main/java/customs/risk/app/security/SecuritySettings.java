package customs.risk.app.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code risk.security.*}.
 *
 * @param adminUsername name of the first admin, created at the first start of the web application
 * @param adminPassword its password ({@code RISK_ADMIN_PASSWORD}); used only while no user exists, and
 *     there is deliberately no default: without it (and outside the {@code demo} profile) the web
 *     application refuses to start on an empty user store
 * @param minPasswordLength the shortest password accepted
 * @param bcryptStrength log2 of bcrypt's rounds for new hashes (12: about a quarter of a second per
 *     check on a server core); a hash keeps the strength it was made with, so tests may lower it
 *     for the users they create without weakening anything else
 * @param login throttling of failed logins
 */
@ConfigurationProperties("risk.security")
public record SecuritySettings(
        @DefaultValue("admin") String adminUsername,
        @DefaultValue("") String adminPassword,
        @DefaultValue("12") int minPasswordLength,
        @DefaultValue("12") int bcryptStrength,
        @DefaultValue Login login) {

    /**
     * @param maxFailures failed attempts for one username, or from one address, within {@code window}
     *     after which further attempts are refused
     * @param window how far back failures count
     * @param lockout how long attempts are refused once the limit is reached
     * @param maxFailuresPerAddress the limit for one client address, higher than per username because
     *     colleagues behind one proxy share an address
     */
    public record Login(
            @DefaultValue("5") int maxFailures,
            @DefaultValue("5m") Duration window,
            @DefaultValue("5m") Duration lockout,
            @DefaultValue("20") int maxFailuresPerAddress) {}
}
