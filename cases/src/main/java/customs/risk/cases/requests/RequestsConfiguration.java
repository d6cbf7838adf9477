package customs.risk.cases.requests;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Looks every {@code risk.requests.check-interval} for requests to remind and deadlines passed. */
@Configuration(proxyBeanMethods = false)
class RequestsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RequestsConfiguration.class);

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService requestReminders(InformationRequests requests, RequestSettings settings) {
        var timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("request-reminders").daemon(true).factory());
        long every = Math.max(1_000, settings.checkInterval().toMillis());
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        var told = requests.remind(settings.remindBefore());
                        if (told.reminded() + told.overdue() > 0) {
                            log.info("requests: {} reminded, {} overdue", told.reminded(), told.overdue());
                        }
                    } catch (RuntimeException e) {
                        log.warn("requests not checked for reminders, the next look catches up: {}", e.toString());
                    }
                },
                // A first look soon after the start catches what fell due while the server was down.
                Math.min(every, 10_000),
                every,
                TimeUnit.MILLISECONDS);
        return timer;
    }
}
