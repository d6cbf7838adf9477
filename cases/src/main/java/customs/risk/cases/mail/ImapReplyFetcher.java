package customs.risk.cases.mail;

import customs.risk.cases.CaseConversation;
import customs.risk.cases.CaseException;
import customs.risk.cases.team.MailContact;
import customs.risk.cases.team.UserAccounts;
import customs.risk.graph.access.Actor;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Posts e-mail replies to notifications into their case conversations. Every poll reads the unseen
 * mails of the configured IMAP folder; a mail is posted as the user whose address it comes from,
 * into the case named by its subject tag or by the notification it answers ({@link CaseTag}), with
 * the quoted part removed ({@link ReplyText}), and only if that user is owner or member of the case.
 *
 * <p>Once: the message's clientId is {@code mail:<Message-ID>}, and a post is idempotent per author and
 * clientId, so a mail read twice (a second poll, a second copy, a crash before it was flagged) lands
 * once. A mail that cannot be placed (unknown sender, not on the case, no case, closed case) is
 * logged and flagged SEEN like a posted one; a mail that failed for another reason (the graph store
 * unreachable) stays unseen and is tried again at the next poll.
 */
class ImapReplyFetcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImapReplyFetcher.class);
    private static final int MAX_CLIENT_ID = 100;
    private static final int TIMEOUT_MILLIS = 20_000;

    private final MailSettings.Imap imap;
    private final UserAccounts accounts;
    private final CaseConversation conversation;
    private ScheduledExecutorService poller;

    ImapReplyFetcher(MailSettings settings, UserAccounts accounts, CaseConversation conversation) {
        this.imap = settings.imap();
        this.accounts = accounts;
        this.conversation = conversation;
    }

    /**
     * One poll.
     *
     * @return how many replies were posted as new messages
     * @throws MessagingException when the mailbox cannot be read
     */
    synchronized int fetch() throws MessagingException {
        String protocol = imap.ssl() ? "imaps" : "imap";
        var props = new Properties();
        props.put("mail." + protocol + ".connectiontimeout", String.valueOf(TIMEOUT_MILLIS));
        props.put("mail." + protocol + ".timeout", String.valueOf(TIMEOUT_MILLIS));
        int posted = 0;
        try (var store = Session.getInstance(props).getStore(protocol)) {
            store.connect(imap.host(), imap.port(), imap.username(), imap.password());
            Folder folder = store.getFolder(imap.folder());
            folder.open(Folder.READ_WRITE);
            try {
                for (Message mail : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    try {
                        if (handle(mail)) {
                            posted++;
                        }
                        mail.setFlag(Flags.Flag.SEEN, true);
                    } catch (IOException | MessagingException e) {
                        log.warn("reply {} not read, skipped: {}", header(mail, "Message-ID"), e.toString());
                        mail.setFlag(Flags.Flag.SEEN, true);
                    } catch (RuntimeException e) {
                        log.warn(
                                "reply {} not posted, tried again at the next poll: {}",
                                header(mail, "Message-ID"),
                                e.toString());
                        mail.setFlag(Flags.Flag.SEEN, false);
                    }
                }
            } finally {
                folder.close(false);
            }
        }
        return posted;
    }

    /** @return true when posted as a new message */
    private boolean handle(Message mail) throws MessagingException, IOException {
        String messageId = header(mail, "Message-ID");
        String from = sender(mail).orElse("");
        Optional<String> caseId =
                CaseTag.caseOf(mail.getSubject(), header(mail, "In-Reply-To"), header(mail, "References"));
        if (caseId.isEmpty()) {
            log.info("mail {} from {} names no case: ignored", messageId, from);
            return false;
        }
        Optional<String> user = accounts.byEmail(from)
                .filter(name -> accounts.contact(name).map(MailContact::enabled).orElse(false));
        if (user.isEmpty()) {
            log.info("mail {} from {} to {}: no enabled user has this address, ignored", messageId, from, caseId.get());
            return false;
        }
        String text = ReplyText.strip(text(mail).orElse(""));
        if (text.isEmpty()) {
            log.info("mail {} from {} to {} has no text of its own: ignored", messageId, from, caseId.get());
            return false;
        }
        if (messageId.isEmpty()) {
            messageId = from + "|" + mail.getSentDate() + "|" + mail.getSubject() + "|" + text.hashCode();
        }
        try {
            var result = conversation.post(new Actor(user.get(), false), caseId.get(), text, clientId(messageId));
            log.info(
                    "reply {} from {} {} case {} as message {}",
                    messageId,
                    user.get(),
                    result.created() ? "posted into" : "was already in",
                    caseId.get(),
                    result.message().seq());
            return result.created();
        } catch (CaseException e) {
            // Not found also means: not owner or member. Either way the mail does not belong in the case.
            log.info("reply {} from {} to {} refused: {}", messageId, user.get(), caseId.get(), e.getMessage());
            return false;
        }
    }

    static String clientId(String messageId) {
        String id = "mail:" + messageId;
        if (id.length() <= MAX_CLIENT_ID) {
            return id;
        }
        try {
            return "mail:sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256")
                                    .digest(messageId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Optional<String> sender(Message mail) throws MessagingException {
        Address[] from = mail.getFrom();
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)) {
            return Optional.empty();
        }
        return Optional.ofNullable(address.getAddress());
    }

    /** The first plain-text part; failing that, an HTML part with its tags removed. */
    private static Optional<String> text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return Optional.of(String.valueOf(part.getContent()));
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            Optional<String> html = Optional.empty();
            for (int i = 0; i < multipart.getCount(); i++) {
                var body = multipart.getBodyPart(i);
                if (Part.ATTACHMENT.equalsIgnoreCase(body.getDisposition())) {
                    continue;
                }
                if (body.isMimeType("text/html")) {
                    if (html.isEmpty()) {
                        html = Optional.of(untag(String.valueOf(body.getContent())));
                    }
                    continue;
                }
                var found = text(body);
                if (found.isPresent()) {
                    return found;
                }
            }
            return html;
        }
        if (part.isMimeType("text/html")) {
            return Optional.of(untag(String.valueOf(part.getContent())));
        }
        return Optional.empty();
    }

    private static String untag(String html) {
        return html.replaceAll("(?is)<blockquote.*?</blockquote>", "")
                .replaceAll("(?i)<br\\s*/?>|</p>", "\n")
                .replaceAll("<[^>]+>", "")
                .replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static String header(Message mail, String name) {
        try {
            String[] values = mail.getHeader(name);
            return values == null || values.length == 0 ? "" : values[0].strip();
        } catch (MessagingException e) {
            return "";
        }
    }

    private void poll() {
        try {
            fetch();
        } catch (MessagingException | RuntimeException e) {
            log.warn("mailbox {} on {} not read: {}", imap.folder(), imap.host(), e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (!imap.configured()) {
            log.info("risk.mail.imap.host is not set: replies by e-mail are not fetched");
            return;
        }
        long every = Math.max(1, imap.pollInterval().toMillis());
        poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("imap-replies").daemon(true).factory());
        poller.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return poller != null;
    }
}
