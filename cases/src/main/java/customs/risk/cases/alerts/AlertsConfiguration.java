package customs.risk.cases.alerts;

import customs.risk.cases.mail.MailSettings;
import customs.risk.documents.filing.DocumentService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** Watches and alerts; their mail only with {@code risk.mail.enabled=true}. */
@Configuration(proxyBeanMethods = false)
class AlertsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AlertsConfiguration.class);

    @Bean
    AlertService alertService(
            Driver driver, ObjectProvider<DocumentService> documents, AlertSettings settings, MailSettings mail) {
        return new AlertService(driver, documents.getIfAvailable(), settings, mail.enabled());
    }

    /** Sweeps every {@code risk.alerts.sweep-interval} for what no load or scoring announced. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService alertSweeps(AlertService alerts, AlertSettings settings) {
        var timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("alert-sweep").daemon(true).factory());
        long every = Math.max(1_000, settings.sweepInterval().toMillis());
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        alerts.sweep();
                    } catch (RuntimeException e) {
                        log.warn("alert sweep failed, the next one catches up: {}", e.toString());
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
        return timer;
    }

    @Bean
    @ConditionalOnProperty(name = "risk.mail.enabled", havingValue = "true")
    AlertMailer alertMailer(
            AlertService alerts, ObjectProvider<JavaMailSender> sender, MailSettings mail, AlertSettings settings) {
        var smtp = sender.getIfAvailable();
        if (smtp == null) {
            throw new IllegalStateException("risk.mail.enabled=true needs an SMTP server: set spring.mail.host");
        }
        return new AlertMailer(alerts.graph(), smtp, mail, settings);
    }
}
