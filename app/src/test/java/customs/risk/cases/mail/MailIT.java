package customs.risk.cases.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import customs.risk.app.RiskApplication;
import customs.risk.app.TestStores;
import customs.risk.cases.CaseConversation;
import customs.risk.cases.CaseModel.Changes;
import customs.risk.cases.CaseModel.Message;
import customs.risk.cases.CaseService;
import customs.risk.cases.announcements.AnnouncementService;
import customs.risk.cases.requests.InformationRequest;
import customs.risk.cases.requests.InformationRequests;
import customs.risk.cases.team.Notification;
import customs.risk.cases.team.UserAccount;
import customs.risk.cases.team.UserAccounts;
import customs.risk.graph.access.Actor;
import customs.risk.graph.access.Role;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * E-mail against real SMTP, IMAP and POP3 servers (GreenMail, in this JVM): mention, assignment and
 * announcement notifications arrive, a user's choice to get no mention mail is kept, and a reply fetched from the
 * mailbox lands in the case conversation once, and only when its sender is on the case. A request for
 * information reaches the company's traders, whose reply by mail (with a file) lands in its thread
 * and tells the officer who asked; a near deadline is reminded once, a passed one told to both sides.
 */
@SpringBootTest(classes = RiskApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class MailIT {

    private static final String MAILBOX = "risk@customs.test";
    private static final String MAILBOX_LOGIN = "risk-mailbox";
    private static final String MAILBOX_PASSWORD = "mailbox-password";
    private static final String PASSWORD = "a-mail-readers-password";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final GreenMail MAIL = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_POP3_IMAP));

    static {
        MAIL.start();
        MAIL.setUser(MAILBOX, MAILBOX_LOGIN, MAILBOX_PASSWORD);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestStores.withoutSearch(registry, "mail-it");
        registry.add("risk.mail.enabled", () -> "true");
        registry.add("risk.mail.from", () -> MAILBOX);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
        registry.add("risk.mail.inbox.host", () -> "127.0.0.1");
        registry.add("risk.mail.inbox.port", () -> MAIL.getImap().getPort());
        registry.add("risk.mail.inbox.ssl", () -> "false");
        registry.add("risk.mail.inbox.username", () -> MAILBOX_LOGIN);
        registry.add("risk.mail.inbox.password", () -> MAILBOX_PASSWORD);
        // The tests fetch themselves, so that they know when it happened.
        registry.add("risk.mail.inbox.poll-interval", () -> "1h");
    }

    @AfterAll
    static void stopMailServer() {
        MAIL.stop();
    }

    @Autowired
    UserAccounts accounts;

    @Autowired
    CaseService cases;

    @Autowired
    CaseConversation conversation;

    @Autowired
    MailboxReplyFetcher fetcher;

    @Autowired
    InformationRequests requests;

    @Autowired
    MailSettings settings;

    @Autowired
    org.neo4j.driver.Driver driver;

    @Autowired
    AnnouncementService announcements;

    @Test
    void aMentionedUserGetsAMailThatNamesTheCase() throws Exception {
        String owner = user("owner");
        String member = user("member");
        String id = cases.create(actor(owner), "Undervalued pumps", null, null, List.of(member))
                .id();

        conversation.post(actor(owner), id, "@" + member + " please check the invoices", "m-1");

        MimeMessage mail = awaitMail(address(member), "mentioned you");
        assertThat(mail.getSubject()).startsWith("[" + id + "]").contains("@" + owner);
        assertThat(GreenMailUtil.getBody(mail)).contains("please check the invoices");
        assertThat(mail.getHeader("Message-ID")[0]).startsWith("<" + id + ".");
        assertThat(Arrays.stream(mail.getReplyTo()).map(a -> ((InternetAddress) a).getAddress()))
                .containsExactly(MAILBOX);
        assertThat(mailsTo(address(owner)))
                .as("no mail about one's own message")
                .isEmpty();
    }

    @Test
    void aUserAddedToACaseOrMadeItsOwnerGetsAnAssignmentMail() throws Exception {
        String owner = user("owner");
        String member = user("member");
        String heir = user("heir");
        String id = cases.create(actor(owner), "Circular trade", null, null, List.of())
                .id();

        cases.addMember(actor(owner), id, member);
        cases.update(actor(owner), id, new Changes(null, null, null, null, heir));

        assertThat(awaitMail(address(member), "You were added to").getSubject())
                .isEqualTo("[" + id + "] You were added to: Circular trade");
        assertThat(awaitMail(address(heir), "You now own").getSubject())
                .isEqualTo("[" + id + "] You now own: Circular trade");
    }

    @Test
    void aUserWhoTurnedMentionsOffGetsNoMentionMail() throws Exception {
        String owner = user("owner");
        String quiet = user("quiet");
        String loud = user("loud");
        accounts.setNotifications(quiet, Set.of(Notification.ASSIGNMENT));
        String id = cases.create(actor(owner), "Split shipments", null, null, List.of(quiet, loud))
                .id();
        awaitMail(address(quiet), "You were added to");

        conversation.post(actor(owner), id, "@" + quiet + " @" + loud + " first lead", "q-1");
        awaitMail(address(loud), "mentioned you");
        // Notifications go out one after another: once this one is there, the first was decided.
        conversation.post(actor(owner), id, "@" + loud + " second lead", "q-2");
        awaitMail(address(loud), m -> GreenMailUtil.getBody(m).contains("second lead"));

        assertThat(mailsTo(address(quiet)))
                .extracting(MimeMessage::getSubject)
                .noneMatch(subject -> subject.contains("mentioned you"));
    }

    @Test
    void anAnnouncementIsMailedToItsAudienceSaveThoseWhoTurnedAnnouncementsOff() throws Exception {
        String author = user("announcer");
        String reader = user("reader");
        String quiet = user("quiet-reader");
        accounts.setNotifications(quiet, Set.of(Notification.MENTION));
        String inspector = "mail-inspector-" + USERS.incrementAndGet();
        accounts.create(inspector, PASSWORD, Set.of(Role.INSPECTOR), null);
        accounts.setEmail(inspector, address(inspector));

        announcements.publish(author, "New valuation rule", "From Monday, declare freight separately.", "INVESTIGATOR");
        MimeMessage mail = awaitMail(address(reader), "New valuation rule");
        assertThat(mail.getSubject()).isEqualTo("[Announcement] New valuation rule");
        assertThat(GreenMailUtil.getBody(mail)).contains("declare freight separately", author, "all investigators");
        // Mail goes out one after another: once this one is there, the first announcement was decided.
        announcements.publish(author, "Office closed", "The Busan office is closed on Friday.", "ALL");
        awaitMail(address(inspector), "Office closed");

        assertThat(mailsTo(address(inspector)))
                .as("not addressed to inspectors")
                .extracting(MimeMessage::getSubject)
                .noneMatch(subject -> subject.contains("New valuation rule"));
        assertThat(mailsTo(address(quiet))).as("turned announcements off").isEmpty();
        assertThat(mailsTo(address(author)))
                .as("no mail about one's own announcement")
                .isEmpty();
    }

    @Test
    void aMembersReplyLandsInTheConversationOnceEvenWhenFetchedTwice() throws Exception {
        String owner = user("owner");
        String member = user("member");
        String id = cases.create(actor(owner), "Forged invoices", null, null, List.of(member))
                .id();
        conversation.post(actor(owner), id, "@" + member + " are these invoices genuine?", "r-1");
        MimeMessage notification = awaitMail(address(member), "mentioned you");

        String replyId = "<reply-" + member + "@mail.customs.test>";
        for (int copy = 0; copy < 2; copy++) {
            reply(
                    address(member),
                    "Re: " + notification.getSubject(),
                    notification.getHeader("Message-ID")[0],
                    replyId,
                    "They are forged: same serial numbers.\n\nOn Sun, 29 Nov 2026 at 06:00, Risk wrote:\n" + "> @"
                            + member + " are these invoices genuine?\n");
        }
        fetcher.fetch();
        fetcher.fetch();

        List<Message> thread = conversation.messages(actor(owner), id, 0, 100);
        assertThat(thread)
                .extracting(m -> m.author() + ": " + m.text())
                .containsExactly(
                        owner + ": @" + member + " are these invoices genuine?",
                        member + ": They are forged: same serial numbers.");
        assertThat(thread.getLast().clientId()).isEqualTo("mail:" + replyId);
    }

    @Test
    void aReplyFromSomeoneNotOnTheCaseDoesNotLand() throws Exception {
        String owner = user("owner");
        String outsider = user("outsider");
        String id = cases.create(actor(owner), "Transfer pricing", null, null, List.of())
                .id();
        conversation.post(actor(owner), id, "only the owner so far", "o-1");

        reply(
                address(outsider),
                "Re: [" + id + "] something",
                null,
                "<outsider-" + outsider + "@x.test>",
                "Let me in on this.");
        reply(
                "stranger@elsewhere.test",
                "Re: [" + id + "] something",
                null,
                "<stranger-" + outsider + "@x.test>",
                "Me too.");
        fetcher.fetch();

        assertThat(conversation.messages(actor(owner), id, 0, 100))
                .extracting(Message::text)
                .containsExactly("only the owner so far");
    }

    @Test
    void aTradersMailedAnswerWithAFileLandsInTheRequestAndTellsTheOfficer() throws Exception {
        String officer = user("officer");
        var trader = trader("answers");
        String declaration = declarationOf(trader.companyId());

        var request = requests.ask(
                account(officer),
                declaration,
                null,
                "Please send the sales contract behind this invoice.",
                java.time.LocalDate.now().plusDays(10));
        MimeMessage asked = awaitMail(address(trader.username()), request.id());
        assertThat(asked.getSubject())
                .isEqualTo("[" + request.id() + "] Request for information about declaration " + declaration);
        assertThat(GreenMailUtil.getBody(asked)).contains("sales contract", "Deadline: ");

        String replyId = "<answer-" + trader.username() + "@trader.test>";
        replyWithFile(
                address(trader.username()),
                "Re: " + asked.getSubject(),
                replyId,
                "The contract is attached.\n\n> Please send the sales contract",
                "contract.txt",
                "Sales contract no. 77, price FOB Busan.");
        fetcher.fetch();
        fetcher.fetch();

        var thread = requests.thread(trader, request.id()).orElseThrow();
        assertThat(thread.request().status()).isEqualTo(InformationRequest.Status.ANSWERED);
        assertThat(thread.messages()).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("The contract is attached.");
            assertThat(m.fromTrader()).isTrue();
            assertThat(m.attachments())
                    .extracting(InformationRequest.Attachment::fileName)
                    .containsExactly("contract.txt");
        });
        try (var session = driver.session()) {
            assertThat(session.run(
                                    "MATCH (:Document {id: $doc})-[:SUPPORTS]->(d:Declaration) RETURN d.id AS id",
                                    java.util.Map.of(
                                            "doc",
                                            thread.messages()
                                                    .getFirst()
                                                    .attachments()
                                                    .getFirst()
                                                    .documentId()))
                            .single()
                            .get("id")
                            .asString())
                    .as("the file is filed with the declaration")
                    .isEqualTo(declaration);
        }
        assertThat(GreenMailUtil.getBody(awaitMail(address(officer), "Answer from")))
                .contains("The contract is attached.", "1 file attached");
    }

    @Test
    void aReplyFetchedByPop3LandsOnceAndLeavesTheMailbox() throws Exception {
        String officer = user("officer");
        var trader = trader("pop3");
        var request = requests.ask(
                account(officer),
                null,
                trader.companyId(),
                "Who owns your company?",
                java.time.LocalDate.now().plusDays(5));
        MimeMessage asked = awaitMail(address(trader.username()), request.id());
        var pop3 = new MailboxReplyFetcher(
                new MailSettings(
                        true,
                        MAILBOX,
                        new MailSettings.Inbox(
                                "pop3",
                                "127.0.0.1",
                                MAIL.getPop3().getPort(),
                                MAILBOX_LOGIN,
                                MAILBOX_PASSWORD,
                                "INBOX",
                                Duration.ofHours(1),
                                false),
                        Duration.ofMinutes(1),
                        3),
                accounts,
                conversation,
                requests);

        reply(
                address(trader.username()),
                "Re: edited subject",
                asked.getHeader("Message-ID")[0],
                "<pop3-" + trader.username() + "@trader.test>",
                "Kim Lee, 100 percent.");
        pop3.fetch();
        pop3.fetch();

        assertThat(requests.thread(trader, request.id()).orElseThrow().messages())
                .extracting(InformationRequest.Message::text)
                .containsExactly("Kim Lee, 100 percent.");
        assertThat(MAIL.getReceivedMessagesForDomain("customs.test"))
                .as("POP3 deleted what it read from the application's mailbox")
                .noneMatch(m -> {
                    try {
                        return m.getSubject().equals("Re: edited subject");
                    } catch (MessagingException e) {
                        return false;
                    }
                });
    }

    @Test
    void aNearDeadlineIsRemindedOnceAndAPassedOneToldToBothSides() throws Exception {
        String officer = user("officer");
        var trader = trader("late");
        var request = requests.ask(
                account(officer),
                declarationOf(trader.companyId()),
                null,
                "Where were the goods loaded?",
                java.time.LocalDate.now().plusDays(1));
        awaitMail(address(trader.username()), "Request for information");

        requests.remind(Duration.ofDays(2));
        requests.remind(Duration.ofDays(2));
        awaitMail(address(trader.username()), "Reminder: answer due on " + request.deadline());

        try (var session = driver.session()) {
            session.run(
                            "MATCH (r:InformationRequest {id: $id}) SET r.deadline = date() - duration('P1D')",
                            java.util.Map.of("id", request.id()))
                    .consume();
        }
        requests.remind(Duration.ofDays(2));
        awaitMail(address(officer), "No answer from");
        awaitMail(address(trader.username()), "Overdue");

        assertThat(mailsTo(address(trader.username())))
                .extracting(MimeMessage::getSubject)
                .filteredOn(subject -> subject.contains("Reminder"))
                .hasSize(1);
        assertThat(requests.list(account(officer), InformationRequest.Status.OVERDUE, null, trader.companyId()))
                .extracting(InformationRequest::id)
                .containsExactly(request.id());
    }

    private String user(String role) {
        String name = "mail-" + role + "-" + USERS.incrementAndGet();
        accounts.create(name, PASSWORD, Set.of(Role.INVESTIGATOR), null);
        accounts.setEmail(name, address(name));
        return name;
    }

    private UserAccount trader(String role) {
        String name = "mail-trader-" + role + "-" + USERS.incrementAndGet();
        String company = "MAIL-CO-" + USERS.get();
        try (var session = driver.session()) {
            session.run("MERGE (c:Company {id: $id}) SET c.name = $id", java.util.Map.of("id", company))
                    .consume();
        }
        accounts.create(name, PASSWORD, Set.of(Role.TRADER), company);
        accounts.setEmail(name, address(name));
        return accounts.find(name).orElseThrow();
    }

    /** A new import declaration that the company buys. */
    private String declarationOf(String company) {
        String id = "MAIL-D-" + USERS.incrementAndGet();
        try (var session = driver.session()) {
            session.run("""
                            MATCH (c:Company {id: $company})
                            CREATE (:Declaration {id: $id, direction: 'IMPORT'})-[:BOUGHT_BY]->(c)
                            """, java.util.Map.of("company", company, "id", id)).consume();
        }
        return id;
    }

    private UserAccount account(String username) {
        return accounts.find(username).orElseThrow();
    }

    /** A reply with one text file attached. */
    private static void replyWithFile(
            String from, String subject, String messageId, String text, String fileName, String fileText)
            throws MessagingException {
        var mail = reply(from, subject, messageId);
        var body = new jakarta.mail.internet.MimeBodyPart();
        body.setText(text, "UTF-8");
        var file = new jakarta.mail.internet.MimeBodyPart();
        file.setText(fileText, "UTF-8");
        file.setFileName(fileName);
        file.setDisposition(jakarta.mail.Part.ATTACHMENT);
        mail.setContent(new jakarta.mail.internet.MimeMultipart(body, file));
        Transport.send(mail);
    }

    private static String address(String username) {
        return username + "@customs.test";
    }

    private static Actor actor(String username) {
        return new Actor(username, false);
    }

    /** Sends a reply into the application's mailbox, with the Message-ID given (a real client picks its own). */
    private static void reply(String from, String subject, String inReplyTo, String messageId, String text)
            throws MessagingException {
        var mail = reply(from, subject, messageId);
        if (inReplyTo != null) {
            mail.setHeader("In-Reply-To", inReplyTo);
        }
        mail.setText(text, "UTF-8");
        Transport.send(mail);
    }

    /** A mail to the application's mailbox, not yet sent, with the Message-ID given. */
    private static MimeMessage reply(String from, String subject, String messageId) throws MessagingException {
        Session session = GreenMailUtil.getSession(MAIL.getSmtp().getServerSetup());
        var mail = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        mail.setFrom(new InternetAddress(from));
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, MAILBOX);
        mail.setSubject(subject);
        return mail;
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getRecipients(jakarta.mail.Message.RecipientType.TO))
                                .anyMatch(
                                        a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
                    } catch (MessagingException e) {
                        return false;
                    }
                })
                .toList();
    }

    private static MimeMessage awaitMail(String address, String subjectPart) throws InterruptedException {
        return awaitMail(address, m -> {
            try {
                return m.getSubject().contains(subjectPart);
            } catch (MessagingException e) {
                return false;
            }
        });
    }

    private static MimeMessage awaitMail(String address, java.util.function.Predicate<MimeMessage> wanted) {
        return await("a mail to " + address)
                .atMost(WAIT)
                .until(() -> mailsTo(address).stream().filter(wanted).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }
}
