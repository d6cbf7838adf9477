package customs.risk.cases.mail;

import customs.risk.cases.CaseConversation;
import customs.risk.cases.requests.InformationRequests;
import customs.risk.cases.team.MailContact;
import customs.risk.cases.team.UserAccounts;
import customs.risk.graph.access.Actor;
import customs.risk.graph.access.RefusedException;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ByteArrayResource;

/**
 * Posts e-mail replies into the case conversation or the request for information they answer. Every
 * poll reads the unseen mails of the configured mailbox, by IMAP or POP3; a mail is posted as the
 * user whose address it comes from, into the case or request named by its subject tag or by the
 * mail it answers ({@link MailTag}), with the quoted part removed ({@link ReplyText}), and only if
 * that user is owner or member of the case, or a trader of the company the request asks (or staff
 * who may follow it up). A reply to a request keeps its attached files, filed with the declaration.
 *
 * <p>Once: the message's clientId is {@code mail:<Message-ID>}, and a post is idempotent per author and
 * clientId, so a mail read twice (a second poll, a second copy, a crash before it was flagged) lands
 * once. A mail that cannot be placed (unknown sender, not on the case, no case, closed case) is
 * logged and done with like a posted one; a mail that failed for another reason (the graph store
 * unreachable) is left and tried again at the next poll. Done with means flagged SEEN over IMAP,
 * deleted from the mailbox over POP3 (which keeps no flags).
 */
class MailboxReplyFetcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailboxReplyFetcher.class);
    private static final int MAX_CLIENT_ID = 100;
    private static final int TIMEOUT_MILLIS = 20_000;

    private final MailSettings.Inbox inbox;
    private final UserAccounts accounts;
    private final CaseConversation conversation;
    private final InformationRequests requests;
    private ScheduledExecutorService poller;

    MailboxReplyFetcher(
            MailSettings settings, UserAccounts accounts, CaseConversation conversation, InformationRequests requests) {
        this.inbox = settings.inbox();
        this.accounts = accounts;
        this.conversation = conversation;
        this.requests = requests;
    }

    /**
     * One poll.
     *
     * @return how many replies were posted as new messages
     * @throws MessagingException when the mailbox cannot be read
     */
    synchronized int fetch() throws MessagingException {
        String protocol = inbox.store();
        var props = new Properties();
        props.put("mail." + protocol + ".connectiontimeout", String.valueOf(TIMEOUT_MILLIS));
        props.put("mail." + protocol + ".timeout", String.valueOf(TIMEOUT_MILLIS));
        int posted = 0;
        try (var store = Session.getInstance(props).getStore(protocol)) {
            store.connect(inbox.host(), inbox.portOrDefault(), inbox.username(), inbox.password());
            Folder folder = store.getFolder(inbox.folder());
            folder.open(Folder.READ_WRITE);
            try {
                for (Message mail : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    try {
                        if (handle(mail)) {
                            posted++;
                        }
                        done(mail);
                    } catch (IOException | MessagingException e) {
                        log.warn("reply {} not read, skipped: {}", header(mail, "Message-ID"), e.toString());
                        done(mail);
                    } catch (RuntimeException e) {
                        log.warn(
                                "reply {} not posted, tried again at the next poll: {}",
                                header(mail, "Message-ID"),
                                e.toString());
                        if (!inbox.pop3()) {
                            mail.setFlag(Flags.Flag.SEEN, false);
                        }
                    }
                }
            } finally {
                // POP3 deletes the mails marked done when the folder closes with expunge.
                folder.close(inbox.pop3());
            }
        }
        return posted;
    }

    private void done(Message mail) throws MessagingException {
        mail.setFlag(inbox.pop3() ? Flags.Flag.DELETED : Flags.Flag.SEEN, true);
    }

    /** @return true when posted as a new message */
    private boolean handle(Message mail) throws MessagingException, IOException {
        String messageId = header(mail, "Message-ID");
        String from = sender(mail).orElse("");
        Optional<String> tagged =
                MailTag.of(mail.getSubject(), header(mail, "In-Reply-To"), header(mail, "References"));
        if (tagged.isEmpty()) {
            log.info("mail {} from {} names no case or request: ignored", messageId, from);
            return false;
        }
        Optional<String> user = accounts.byEmail(from)
                .filter(name -> accounts.contact(name).map(MailContact::enabled).orElse(false));
        if (user.isEmpty()) {
            log.info("mail {} from {} to {}: no enabled user has this address, ignored", messageId, from, tagged.get());
            return false;
        }
        String text = ReplyText.strip(text(mail).orElse(""));
        var files = MailTag.isRequest(tagged.get()) ? attachments(mail) : List.<InformationRequests.Upload>of();
        if (text.isEmpty() && files.isEmpty()) {
            log.info("mail {} from {} to {} has no text of its own: ignored", messageId, from, tagged.get());
            return false;
        }
        if (messageId.isEmpty()) {
            messageId = from + "|" + mail.getSentDate() + "|" + mail.getSubject() + "|" + text.hashCode();
        }
        try {
            boolean created;
            if (MailTag.isRequest(tagged.get())) {
                var account = accounts.find(user.get()).orElseThrow();
                created = requests.post(account, tagged.get(), text, files, clientId(messageId))
                        .created();
            } else {
                created = conversation
                        .post(new Actor(user.get(), false), tagged.get(), text, clientId(messageId))
                        .created();
            }
            log.info(
                    "reply {} from {} {} {}",
                    messageId,
                    user.get(),
                    created ? "posted into" : "was already in",
                    tagged.get());
            return created;
        } catch (RefusedException e) {
            // Not found also means: not on the case, or another company's request.
            log.info("reply {} from {} to {} refused: {}", messageId, user.get(), tagged.get(), e.getMessage());
            return false;
        }
    }

    /** The files attached to a mail, read into memory (a mail is already bounded by the mail server). */
    private static List<InformationRequests.Upload> attachments(Part part) throws MessagingException, IOException {
        var files = new ArrayList<InformationRequests.Upload>();
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                files.addAll(attachments(multipart.getBodyPart(i)));
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) && part.getFileName() != null) {
            byte[] bytes;
            try (var in = part.getInputStream()) {
                bytes = in.readAllBytes();
            }
            files.add(new InformationRequests.Upload(part.getFileName(), new ByteArrayResource(bytes)));
        }
        return files;
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
            log.warn("mailbox {} on {} not read: {}", inbox.folder(), inbox.host(), e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (!inbox.configured()) {
            log.info("risk.mail.inbox.host is not set: replies by e-mail are not fetched");
            return;
        }
        long every = Math.max(1, inbox.pollInterval().toMillis());
        poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("mail-replies").daemon(true).factory());
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
