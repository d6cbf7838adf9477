package customs.risk.cases.requests;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Requests for information ({@code risk.requests.*}).
 *
 * @param remindBefore how long before its deadline an unanswered request is reminded to the trader
 * @param checkInterval pause between two looks for reminders and passed deadlines
 */
@ConfigurationProperties("risk.requests")
public record RequestSettings(
        @DefaultValue("2d") Duration remindBefore,
        @DefaultValue("15m") Duration checkInterval) {}
