package customs.risk.cases.mail;

import customs.risk.cases.CaseNotice;
import customs.risk.cases.announcements.Announcement;
import customs.risk.cases.announcements.AnnouncementPublished;
import customs.risk.cases.announcements.AnnouncementService;
import customs.risk.cases.requests.InformationRequest;
import customs.risk.cases.requests.RequestNotice;
import customs.risk.cases.team.Notification;
import customs.risk.cases.team.UserAccounts;
import customs.risk.graph.access.Role;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends mention, assignment, announcement and request-for-information notifications by SMTP, each to a user who has an
 * address and chose that kind. Sending happens on a thread of its own, one mail after another: a
 * slow or unreachable mail server never delays or fails the case operation. A mail the server does
 * not take is kept in the {@link MailOutbox} and tried again, after {@code risk.mail.retry-interval}
 * and then twice as long each time (at most an hour), until it goes or {@code risk.mail.max-attempts}
 * have failed; so an outage or a restart loses no notification.
 *
 * <p>Each mail carries its case or request in its subject ({@code [CASE-...]}, {@code [RFI-...]}) and
 * in its {@code Message-ID}, and answers go to {@code risk.mail.from}, the mailbox
 * {@link MailboxReplyFetcher} reads.
 */
class MailNotifier implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MailNotifier.class);
    private static final int EXCERPT = 500;
    private static final int RETRY_BATCH = 100;

    private final JavaMailSender sender;
    private final UserAccounts accounts;
    private final MailSettings settings;
    private final MailOutbox pending;
    private final ScheduledExecutorService outbox = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("mail-notifier").daemon(true).factory());

    MailNotifier(JavaMailSender sender, UserAccounts accounts, MailSettings settings, MailOutbox pending) {
        this.sender = sender;
        this.accounts = accounts;
        this.settings = settings;
        this.pending = pending;
        long every = Math.max(100, settings.retryInterval().toMillis());
        outbox.scheduleWithFixedDelay(this::retryDue, every, every, TimeUnit.MILLISECONDS);
    }

    @EventListener
    void on(CaseNotice notice) {
        outbox.execute(() -> {
            try {
                deliver(notice);
            } catch (RuntimeException e) {
                log.warn("notification for {} not sent: {}", notice.caseId(), e.toString());
            }
        });
    }

    /** An announcement goes to everyone it is addressed to who wants announcements, its author aside. */
    @EventListener
    void on(AnnouncementPublished published) {
        Announcement notice = published.announcement();
        outbox.execute(() -> {
            try {
                var roles = AnnouncementService.ALL.equals(notice.audience())
                        ? EnumSet.allOf(Role.class)
                        : EnumSet.of(Role.valueOf(notice.audience()));
                for (var contact : accounts.contactsWithAnyRole(roles)) {
                    if (!contact.username().equals(notice.author())) {
                        contact.addressFor(Notification.ANNOUNCEMENT)
                                .ifPresent(to -> send(
                                        new MailOutbox.OutgoingMail(
                                                to,
                                                MailTag.messageId(notice.id()),
                                                "[Announcement] " + notice.title(),
                                                notice.text() + "\n\n-- " + notice.author()
                                                        + ", to " + audience(notice.audience())
                                                        + ". Acknowledge it on the Overview page of the customs risk application."),
                                        0));
                    }
                }
            } catch (RuntimeException e) {
                log.warn("announcement {} not mailed: {}", notice.id(), e.toString());
            }
        });
    }

    /**
     * A request for information: its question, follow-ups, reminders and a passed deadline go to the
     * traders of the company who have an address (a formal notice, whatever else they chose); an
     * answer and a passed deadline go to who asked, if they chose {@link Notification#REQUEST}.
     */
    @EventListener
    void on(RequestNotice notice) {
        outbox.execute(() -> {
            try {
                deliver(notice);
            } catch (RuntimeException e) {
                log.warn("request notice for {} not sent: {}", notice.request().id(), e.toString());
            }
        });
    }

    private void deliver(RequestNotice notice) {
        InformationRequest request = notice.request();
        String about = request.declarationId() == null
                ? "your company " + request.companyId()
                : "declaration " + request.declarationId();
        String answerHow = "\n\nAnswer by replying to this e-mail (attached files are filed with the "
                + (request.declarationId() == null ? "company" : "declaration")
                + "), or on the Requests page of the customs portal. Deadline: " + request.deadline() + ".";
        switch (notice) {
            case RequestNotice.Asked asked ->
                toTraders(
                        request,
                        "Request for information about " + about,
                        "Customs asks about " + about + ":\n\n" + request.question() + answerHow);
            case RequestNotice.Posted posted
            when posted.message().fromTrader() ->
                address(request.askedBy(), Notification.REQUEST)
                        .ifPresent(to -> send(
                                to,
                                request.id(),
                                "Answer from " + request.companyName() + " (" + request.companyId() + ")",
                                posted.message().author() + " answered your request about "
                                        + about.replace("your company", "company") + ":\n\n"
                                        + excerpt(posted.message().text())
                                        + fileLine(
                                                posted.message().attachments().size())
                                        + "\n\nReply to this e-mail to follow up."));
            case RequestNotice.Posted posted ->
                toTraders(
                        request,
                        "Follow-up on the request about " + about,
                        "Customs writes about " + about + ":\n\n"
                                + excerpt(posted.message().text()) + answerHow);
            case RequestNotice.Reminder reminder ->
                toTraders(
                        request,
                        "Reminder: answer due on " + request.deadline(),
                        "Customs is still waiting for your answer about " + about + ":\n\n" + request.question()
                                + answerHow);
            case RequestNotice.Overdue overdue -> {
                toTraders(
                        request,
                        "Overdue: the answer was due on " + request.deadline(),
                        "The deadline of customs' request about " + about + " has passed:\n\n" + request.question()
                                + answerHow);
                address(request.askedBy(), Notification.REQUEST)
                        .ifPresent(to -> send(
                                to,
                                request.id(),
                                "No answer from " + request.companyName() + " by " + request.deadline(),
                                "The deadline of your request about " + about.replace("your company", "company")
                                        + " passed without an answer.\n\nReply to this e-mail to follow up."));
            }
        }
    }

    private void toTraders(InformationRequest request, String subject, String text) {
        for (var trader : accounts.traders(request.companyId())) {
            if (trader.email() != null) {
                send(trader.email(), request.id(), subject, text);
            }
        }
    }

    private static String fileLine(int files) {
        return files == 0 ? "" : "\n\n(" + files + (files == 1 ? " file" : " files") + " attached in the application)";
    }

    private static String audience(String audience) {
        return AnnouncementService.ALL.equals(audience)
                ? "everyone"
                : "all " + audience.toLowerCase(Locale.ROOT).replace('_', ' ') + "s";
    }

    private void deliver(CaseNotice notice) {
        switch (notice) {
            case CaseNotice.Mentioned m -> {
                for (String user : m.mentioned()) {
                    address(user, Notification.MENTION)
                            .ifPresent(to -> send(
                                    to,
                                    m.caseId(),
                                    "@" + m.author() + " mentioned you",
                                    m.author() + " wrote in case " + m.caseId() + ":\n\n" + excerpt(m.text())
                                            + "\n\nReply to this e-mail to answer in the case conversation."));
                }
            }
            case CaseNotice.Assigned a ->
                address(a.username(), Notification.ASSIGNMENT)
                        .ifPresent(to -> send(
                                to,
                                a.caseId(),
                                (a.owner() ? "You now own: " : "You were added to: ") + a.title(),
                                a.by() + (a.owner() ? " made you the owner of case " : " added you to case ")
                                        + a.caseId() + ", \"" + a.title()
                                        + "\".\n\nReply to this e-mail to write in the case conversation."));
        }
    }

    private Optional<String> address(String username, Notification kind) {
        return accounts.contact(username).flatMap(contact -> contact.addressFor(kind));
    }

    private void send(String to, String caseId, String subject, String text) {
        send(new MailOutbox.OutgoingMail(to, MailTag.messageId(caseId), MailTag.subject(caseId, subject), text), 0);
    }

    /** Sends one mail; when the server does not take it, keeps it for another attempt or gives it up. */
    private void send(MailOutbox.OutgoingMail outgoing, int failedBefore) {
        try {
            var mail = new FixedIdMessage(outgoing.messageId());
            mail.setFrom(new InternetAddress(settings.from()));
            mail.setReplyTo(InternetAddress.parse(settings.from()));
            mail.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(outgoing.to()));
            mail.setSubject(outgoing.subject(), StandardCharsets.UTF_8.name());
            mail.setText(outgoing.text(), StandardCharsets.UTF_8.name());
            mail.setSentDate(new Date());
            sender.send(mail);
            if (failedBefore > 0) {
                pending.remove(outgoing);
                log.info("sent {} to {} at attempt {}", outgoing.messageId(), outgoing.to(), failedBefore + 1);
            }
        } catch (MessagingException | MailException e) {
            int failed = failedBefore + 1;
            if (failed >= settings.maxAttempts()) {
                pending.remove(outgoing);
                log.warn(
                        "gave up mail {} to {} after {} attempts: {}",
                        outgoing.subject(),
                        outgoing.to(),
                        failed,
                        e.toString());
            } else {
                pending.failed(outgoing, e.toString(), settings.retryAfter(failed));
                log.warn(
                        "mail {} to {} not sent (attempt {}), kept to try again: {}",
                        outgoing.subject(),
                        outgoing.to(),
                        failed,
                        e.toString());
            }
        }
    }

    private void retryDue() {
        try {
            for (var due : pending.due(RETRY_BATCH)) {
                send(due.mail(), due.attempts());
            }
        } catch (RuntimeException e) {
            log.warn("kept mails not retried: {}", e.toString());
        }
    }

    private static String excerpt(String text) {
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + " ...";
    }

    @Override
    public void destroy() throws InterruptedException {
        outbox.shutdown();
        outbox.awaitTermination(5, TimeUnit.SECONDS);
    }
}
