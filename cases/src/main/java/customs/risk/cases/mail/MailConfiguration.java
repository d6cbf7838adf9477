package customs.risk.cases.mail;

import customs.risk.cases.CaseConversation;
import customs.risk.cases.requests.InformationRequests;
import customs.risk.cases.team.UserAccounts;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * E-mail, only with {@code risk.mail.enabled=true}: notifications need Spring's SMTP settings
 * ({@code spring.mail.host} ...), replies are fetched when {@code risk.mail.inbox.host} is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "risk.mail.enabled", havingValue = "true")
class MailConfiguration {

    @Bean
    MailNotifier mailNotifier(
            ObjectProvider<JavaMailSender> sender, UserAccounts accounts, MailSettings settings, Driver driver) {
        var smtp = sender.getIfAvailable();
        if (smtp == null) {
            throw new IllegalStateException("risk.mail.enabled=true needs an SMTP server: set spring.mail.host");
        }
        return new MailNotifier(smtp, accounts, settings, new MailOutbox(driver));
    }

    @Bean
    MailboxReplyFetcher mailboxReplyFetcher(
            MailSettings settings, UserAccounts accounts, CaseConversation conversation, InformationRequests requests) {
        return new MailboxReplyFetcher(settings, accounts, conversation, requests);
    }
}
