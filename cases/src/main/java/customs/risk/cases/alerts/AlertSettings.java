package customs.risk.cases.alerts;

import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Watches and alerts ({@code risk.alerts.*}).
 *
 * @param sweepInterval besides after each load and scoring, alerts are looked for this often (what
 *     changed otherwise: review decisions, documents filed one by one)
 * @param overlap each sweep looks again this far behind the last one, so that rows committed by a
 *     slow load while a sweep ran are not missed (what a sweep read before is noted and skipped)
 * @param mailInterval how often alerts waiting for an immediate mail are sent
 * @param mailsPerHour immediate alert mails one user gets in an hour at most; the rest go into the digest
 * @param digestAt the time of day (UTC) the daily digests go out
 * @param defaultMail how a user who never chose gets alert mail: {@code OFF}, {@code IMMEDIATE} or
 *     {@code DIGEST}
 * @param linkBase the address users open the application at: links in alert mails start with it
 */
@ConfigurationProperties("risk.alerts")
public record AlertSettings(
        @DefaultValue("5m") Duration sweepInterval,
        @DefaultValue("10m") Duration overlap,
        @DefaultValue("10s") Duration mailInterval,
        @DefaultValue("12") int mailsPerHour,
        @DefaultValue("07:00") LocalTime digestAt,
        @DefaultValue("DIGEST") Watch.Mail defaultMail,
        @DefaultValue("http://localhost:8080") String linkBase) {}
