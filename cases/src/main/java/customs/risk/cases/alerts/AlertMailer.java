package customs.risk.cases.alerts;

import customs.risk.cases.mail.FixedIdMessage;
import customs.risk.cases.mail.MailSettings;
import customs.risk.graph.store.Graph;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Mails stored alerts: those to go at once ({@code mail = PENDING}) one mail per group (one kind
 * about one party, or one saved filter or search), and once a day, at {@code risk.alerts.digest-at},
 * each user's digest of the rest ({@code DIGEST}). An alert is marked {@code SENT} only after the
 * server took its mail, so a mail server outage or a restart loses none; a mail the server refused
 * is tried again later, its alerts waiting in the graph. Beyond {@code mails-per-hour} immediate
 * mails for a user within the last hour, further alerts wait for the digest.
 */
final class AlertMailer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AlertMailer.class);
    private static final int BATCH = 500;
    private static final int LINES = 50;

    private final Graph graph;
    private final JavaMailSender sender;
    private final MailSettings mail;
    private final AlertSettings settings;
    private final Map<String, Instant> digestRetry = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("alert-mailer").daemon(true).factory());

    AlertMailer(Graph graph, JavaMailSender sender, MailSettings mail, AlertSettings settings) {
        this.graph = graph;
        this.sender = sender;
        this.mail = mail;
        this.settings = settings;
        long every = Math.max(100, settings.mailInterval().toMillis());
        timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            sendImmediate();
            Instant now = Instant.now();
            Instant today =
                    LocalDate.now(ZoneOffset.UTC).atTime(settings.digestAt()).toInstant(ZoneOffset.UTC);
            if (!now.isBefore(today)) {
                sendDigests(today);
            }
        } catch (RuntimeException e) {
            log.warn("alert mail: {}", e.toString());
        }
    }

    /** One mail per group of alerts waiting to go at once; returns the mails sent. */
    synchronized int sendImmediate() {
        var due = graph.query("""
                MATCH (a:Alert {mail: 'PENDING'}) WHERE coalesce(a.mailDueAt, a.at) <= datetime()
                MATCH (u:User {username: a.user}) WHERE u.email IS NOT NULL
                RETURN a, u.email AS email ORDER BY a.at, a.group, a.id LIMIT $limit
                """, Map.of("limit", BATCH));
        var groups = new LinkedHashMap<String, List<Value>>();
        var emails = new HashMap<String, String>();
        for (var r : due) {
            Value a = r.get("a");
            groups.computeIfAbsent(a.get("group").asString(), k -> new ArrayList<>())
                    .add(a);
            emails.put(a.get("user").asString(), r.get("email").asString());
        }
        int sent = 0;
        var sentNow = new HashMap<String, Long>();
        for (var group : groups.values()) {
            String user = group.getFirst().get("user").asString();
            long lastHour = sentNow.computeIfAbsent(user, this::mailsInLastHour);
            var ids = group.stream().map(a -> a.get("id").asString()).toList();
            if (lastHour >= settings.mailsPerHour()) {
                mark(ids, "SET a.mail = 'DIGEST'", Map.of());
                continue;
            }
            String about = group.getFirst().get("about").asString("");
            var kind = Alert.Kind.valueOf(group.getFirst().get("kind").asString());
            String subject = group.size() == 1
                    ? "[Alert] " + group.getFirst().get("title").asString()
                    : "[Alert] " + changes(group) + " " + kind.plural() + ": " + about;
            String messageId = "<" + group.getFirst().get("id").asString() + "@customs-risk>";
            String text = lines(group) + "\n-- Watched by you in the customs risk application. Mute the watch or "
                    + "change how it mails you on the Watches page: " + settings.linkBase() + "/watches";
            if (send(emails.get(user), messageId, subject, text)) {
                mark(
                        ids,
                        "SET a.mail = 'SENT', a.mailedAt = datetime(), a.mailId = $mailId, a.mailKind = 'IMMEDIATE'",
                        Map.of("mailId", messageId));
                sentNow.merge(user, 1L, Long::sum);
                sent++;
            } else {
                int attempts = group.getFirst().get("mailAttempts").asInt(0) + 1;
                if (attempts >= mail.maxAttempts()) {
                    log.warn(
                            "gave up alert mail to {} after {} attempts; the alerts stay in the notification centre",
                            user,
                            attempts);
                    mark(ids, "SET a.mail = 'FAILED', a.mailAttempts = $attempts", Map.of("attempts", attempts));
                } else {
                    mark(
                            ids,
                            "SET a.mailAttempts = $attempts, a.mailDueAt = datetime() + duration({seconds: $wait})",
                            Map.of(
                                    "attempts",
                                    attempts,
                                    "wait",
                                    mail.retryAfter(attempts).toSeconds()));
                }
            }
        }
        return sent;
    }

    /**
     * Each user's digest: every alert waiting for it, in groups, in one mail; then the user's digest
     * is done for the day that began at {@code since}.
     *
     * @return the digests sent
     */
    synchronized int sendDigests(Instant since) {
        var users = graph.query("""
                MATCH (a:Alert {mail: 'DIGEST'})
                WITH DISTINCT a.user AS name
                MATCH (u:User {username: name}) WHERE u.email IS NOT NULL
                  AND (u.alertDigestAt IS NULL OR u.alertDigestAt < $since)
                RETURN name, u.email AS email
                """, Map.of("since", AlertSweep.utc(since)));
        int sent = 0;
        for (var r : users) {
            String user = r.get("name").asString();
            var retry = digestRetry.get(user);
            if (retry != null && Instant.now().isBefore(retry)) {
                continue;
            }
            var alerts = graph.query(
                    "MATCH (a:Alert {user: $user, mail: 'DIGEST'}) RETURN a ORDER BY a.group, a.at DESC",
                    Map.of("user", user),
                    row -> row.get("a"));
            var groups = new LinkedHashMap<String, List<Value>>();
            alerts.forEach(a -> groups.computeIfAbsent(a.get("group").asString(), k -> new ArrayList<>())
                    .add(a));
            var text = new StringBuilder("Your alerts of the last day, ")
                    .append(changes(alerts))
                    .append(" in ")
                    .append(groups.size())
                    .append(" groups.\n\n");
            for (var group : groups.values()) {
                var kind = Alert.Kind.valueOf(group.getFirst().get("kind").asString());
                text.append("== ")
                        .append(changes(group))
                        .append(" ")
                        .append(kind.plural())
                        .append(": ")
                        .append(group.getFirst().get("about").asString(""))
                        .append("\n")
                        .append(lines(group))
                        .append("\n");
            }
            text.append("-- Your daily digest from the customs risk application: ")
                    .append(settings.linkBase())
                    .append("/alerts");
            String messageId = "<digest-" + user + "-" + LocalDate.ofInstant(since, ZoneOffset.UTC) + "@customs-risk>";
            String subject = "[Alerts] " + changes(alerts) + " alerts in " + groups.size() + " groups";
            if (send(r.get("email").asString(), messageId, subject, text.toString())) {
                var ids = alerts.stream().map(a -> a.get("id").asString()).toList();
                graph.update(tx -> {
                    tx.run("""
                                    UNWIND $ids AS id MATCH (a:Alert {id: id})
                                    SET a.mail = 'SENT', a.mailedAt = datetime(), a.mailId = $mailId, a.mailKind = 'DIGEST'
                                    """, Map.of("ids", ids, "mailId", messageId)).consume();
                    tx.run("MATCH (u:User {username: $user}) SET u.alertDigestAt = datetime()", Map.of("user", user))
                            .consume();
                });
                digestRetry.remove(user);
                sent++;
            } else {
                digestRetry.put(user, Instant.now().plus(mail.retryInterval()));
            }
        }
        return sent;
    }

    private long mailsInLastHour(String user) {
        return graph.query("""
                        MATCH (a:Alert {user: $user}) WHERE a.mailKind = 'IMMEDIATE'
                          AND a.mailedAt > datetime() - duration('PT1H')
                        RETURN count(DISTINCT a.mailId) AS n
                        """, Map.of("user", user), r -> r.get("n").asLong()).getFirst();
    }

    /** Each change of these alerts with its evidence, at most {@code LINES} of them. */
    private String lines(List<Value> alerts) {
        var text = new StringBuilder();
        int written = 0;
        var items = AlertItems.of(graph, alerts);
        for (var a : alerts) {
            for (var item : items.get(a.get("id").asString())) {
                if (written == LINES) {
                    break;
                }
                written++;
                text.append("* ")
                        .append(item.title())
                        .append("\n  ")
                        .append(item.detail())
                        .append("\n  ")
                        .append(settings.linkBase())
                        .append(item.link())
                        .append("\n");
            }
        }
        int changes = changes(alerts);
        if (changes > written) {
            text.append("... and ").append(changes - written).append(" more in the notification centre\n");
        }
        return text.toString();
    }

    private static int changes(List<Value> alerts) {
        return alerts.stream().mapToInt(a -> a.get("count").asInt(1)).sum();
    }

    private void mark(List<String> ids, String set, Map<String, Object> more) {
        var parameters = new HashMap<String, Object>(more);
        parameters.put("ids", ids);
        graph.update(tx -> tx.run("UNWIND $ids AS id MATCH (a:Alert {id: id}) " + set, parameters)
                .consume());
    }

    private boolean send(String to, String messageId, String subject, String text) {
        try {
            var message = new FixedIdMessage(messageId);
            message.setFrom(new InternetAddress(mail.from()));
            message.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(to));
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setText(text, StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            sender.send(message);
            return true;
        } catch (MessagingException | MailException e) {
            log.warn("alert mail {} to {} not sent, kept to try again: {}", subject, to, e.toString());
            return false;
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
