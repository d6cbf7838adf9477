package customs.risk.cases.requests;

import customs.risk.cases.LiveListeners;
import customs.risk.cases.requests.InformationRequest.Attachment;
import customs.risk.cases.requests.InformationRequest.Message;
import customs.risk.cases.requests.InformationRequest.Status;
import customs.risk.cases.team.UserAccount;
import customs.risk.cases.team.UserAccounts;
import customs.risk.documents.filing.DocumentService;
import customs.risk.graph.access.Actor;
import customs.risk.graph.access.RefusedException.Reason;
import customs.risk.graph.access.Role;
import customs.risk.graph.store.Graph;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Service;

/**
 * Requests for information between customs and traders: an officer or investigator asks the
 * traders of a company about a declaration or the company, with a deadline; the traders answer
 * with text and files, customs follows up or closes. Traders see only their company's requests and
 * nothing else of customs' work (no score, no case); staff who work cases see all requests.
 *
 * <p>Each change is told to the open views ({@link #subscribe}) and announced as a
 * {@link RequestNotice}, which the mail notifier sends. Files are filed through the document intake
 * as documents of the declaration (or company), so they are searched and shown with it.
 */
@Service
public class InformationRequests {

    /** Who may ask, follow up, close and read every request. */
    public static final Set<Role> ASKERS = EnumSet.of(Role.ADMIN, Role.RISK_OFFICER, Role.INVESTIGATOR);

    /** The key of {@link #subscribe} under which staff hear about every request. */
    public static final String EVERY_REQUEST = "*";

    private static final int MAX_TEXT = 20_000;
    private static final int MAX_FILES = 10;
    private static final int MAX_CLIENT_ID = 100;
    private static final int MAX_LISTED = 500;

    /** Reads a request with its company, declaration and counts; binds {@code r}. */
    private static final String READ = """
            MATCH (r)-[:TO]->(c:Company)
            OPTIONAL MATCH (r)-[:ABOUT]->(d:Declaration)
            OPTIONAL MATCH (r)-[:HAS_MESSAGE]->(m:RequestMessage)
            WITH r, c, d, count(m) AS messages, max(m.at) AS lastMessage
            RETURN r, c.id AS companyId, c.name AS companyName, d.id AS declarationId, messages,
                   coalesce(lastMessage, r.askedAt) AS lastAt
            """;

    /** What one look for due requests announced: reminders, and deadlines passed. */
    public record Reminders(int reminded, int overdue) {}

    /** A file to attach to a message. */
    public record Upload(String fileName, InputStreamSource content) {}

    /**
     * What a post did.
     *
     * @param created false when the same author posted the same client id before (a retried form, a
     *     mail read twice): nothing was posted again
     */
    public record Posted(Message message, boolean created) {}

    private final Graph graph;
    private final UserAccounts accounts;
    private final ObjectProvider<DocumentService> documents;
    private final ApplicationEventPublisher events;
    private final LiveListeners<String, String> live = new LiveListeners<>();

    InformationRequests(
            Driver driver,
            UserAccounts accounts,
            ObjectProvider<DocumentService> documents,
            ApplicationEventPublisher events) {
        this.graph = new Graph(driver);
        this.accounts = accounts;
        this.documents = documents;
        this.events = events;
    }

    /**
     * Asks the traders of a company. Without {@code companyId} the declaration's domestic party is
     * asked (the buyer of an import, the seller of an export); with both, the company must be a party
     * to the declaration.
     *
     * @throws RequestException invalid: no such declaration or company, a company nobody could answer
     *     for (no trader account), an empty question, a deadline already past
     */
    public InformationRequest ask(
            UserAccount asker, String declarationId, String companyId, String question, LocalDate deadline) {
        requireAsker(asker);
        String text = checkText(question);
        if (deadline == null || deadline.isBefore(today())) {
            throw RequestException.invalid("deadline: a date from today on");
        }
        String declaration = blankToNull(declarationId);
        String company = blankToNull(companyId);
        if (declaration == null && company == null) {
            throw RequestException.invalid("name the declaration or the company to ask about");
        }
        if (declaration != null) {
            company = partyOf(declaration, company);
        } else if (!exists("MATCH (c:Company {id: $id}) RETURN c", company)) {
            throw RequestException.invalid("companyId: no company " + company);
        }
        if (accounts.traders(company).isEmpty()) {
            throw RequestException.invalid("company " + company + " has no trader account: nobody could answer");
        }
        String id = "RFI-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        var params = new HashMap<String, Object>();
        params.put("id", id);
        params.put("company", company);
        params.put("declaration", declaration);
        params.put("question", text);
        params.put("asker", asker.username());
        params.put("deadline", deadline);
        var request = graph.write(tx -> {
            tx.run("""
                    MATCH (c:Company {id: $company})
                    CREATE (r:InformationRequest {id: $id, question: $question, askedBy: $asker,
                            askedAt: datetime(), deadline: $deadline, status: 'OPEN', messageSeq: 0})-[:TO]->(c)
                    WITH r
                    OPTIONAL MATCH (d:Declaration {id: $declaration})
                    FOREACH (x IN CASE WHEN d IS NULL THEN [] ELSE [d] END | CREATE (r)-[:ABOUT]->(x))
                    """, params).consume();
            return read(tx, id).orElseThrow();
        });
        changed(request);
        events.publishEvent(new RequestNotice.Asked(request));
        return request;
    }

    /**
     * The requests the viewer may see, newest first: a trader's are those to its company, staff's
     * all, narrowed by the filters that are not null.
     */
    public List<InformationRequest> list(UserAccount viewer, Status status, String declarationId, String companyId) {
        String company = viewer.isTrader() ? traderCompany(viewer) : blankToNull(companyId);
        if (!viewer.isTrader()) {
            requireAsker(viewer);
        }
        var params = new HashMap<String, Object>();
        params.put("company", company);
        params.put("declaration", blankToNull(declarationId));
        params.put("limit", MAX_LISTED);
        var all = graph.read(tx -> tx.run("""
                MATCH (r:InformationRequest)-[:TO]->(to:Company)
                WHERE ($company IS NULL OR to.id = $company)
                  AND ($declaration IS NULL OR EXISTS { (r)-[:ABOUT]->(:Declaration {id: $declaration}) })
                WITH r ORDER BY r.askedAt DESC LIMIT $limit
                """ + READ, params).list(this::toRequest));
        return status == null
                ? all
                : all.stream().filter(r -> r.status() == status).toList();
    }

    /** The request with its messages, when the viewer may see it. */
    public Optional<InformationRequest.Thread> thread(UserAccount viewer, String id) {
        return graph.read(tx -> {
            var request = read(tx, id).filter(r -> sees(viewer, r));
            return request.map(r -> new InformationRequest.Thread(r, messages(tx, id)));
        });
    }

    /**
     * The requests about what a case investigates (its declarations and companies), for someone who
     * sees the case; none otherwise.
     */
    public List<InformationRequest> forCase(Actor viewer, String caseId) {
        return graph.read(
                tx -> tx.run("""
                MATCH (k:Case {id: $caseId}) WHERE %s
                MATCH (k)-[:ABOUT]->(x) WHERE x:Declaration OR x:Company
                MATCH (r:InformationRequest) WHERE (r)-[:ABOUT]->(x) OR (x:Company AND (r)-[:TO]->(x))
                WITH DISTINCT r ORDER BY r.askedAt DESC
                """.formatted(Actor.seesCase("k")) + READ, viewer.parameters(Map.of("caseId", caseId)))
                        .list(this::toRequest));
    }

    /**
     * Posts a message, with files, into a request. A trader's message answers it (status
     * {@link Status#ANSWERED}); one from customs follows up and waits for the trader again
     * ({@link Status#OPEN}).
     *
     * @param clientId the poster's id of this message (a form's, a mail's Message-ID): posting it
     *     again posts nothing; null for a fresh one
     * @throws RequestException not found, a closed request (conflict), an empty message, too many files
     * @throws IOException when a file cannot be read or stored
     */
    public Posted post(UserAccount author, String id, String text, List<Upload> files, String clientId)
            throws IOException {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty() && files.isEmpty()) {
            throw RequestException.invalid("write an answer or attach a file");
        }
        if (body.length() > MAX_TEXT) {
            throw RequestException.invalid("text: at most " + MAX_TEXT + " characters");
        }
        if (files.size() > MAX_FILES) {
            throw RequestException.invalid("at most " + MAX_FILES + " files per message");
        }
        String client =
                clientId == null || clientId.isBlank() ? UUID.randomUUID().toString() : clientId.strip();
        if (client.length() > MAX_CLIENT_ID) {
            throw RequestException.invalid("clientId: at most " + MAX_CLIENT_ID + " characters");
        }
        if (!author.isTrader()) {
            requireAsker(author);
        }
        var request = graph.read(tx -> read(tx, id))
                .filter(r -> sees(author, r))
                .orElseThrow(() -> RequestException.notFound(id));
        var earlier = earlier(id, author.username(), client);
        if (earlier.isPresent()) {
            return new Posted(earlier.get(), false);
        }
        if (request.status() == Status.CLOSED) {
            throw new RequestException(Reason.CONFLICT, "request " + id + " is closed");
        }
        List<Attachment> attached = file(author, request, files);
        var params = new HashMap<String, Object>();
        params.put("id", id);
        params.put("author", author.username());
        params.put("trader", author.isTrader());
        params.put("text", body);
        params.put("clientId", client);
        params.put("documents", attached.stream().map(Attachment::documentId).toList());
        var posted = graph.write(tx -> {
            var seq = tx.run("""
                    MATCH (r:InformationRequest {id: $id})
                    SET r.messageSeq = r.messageSeq + 1,
                        r.status = CASE WHEN r.status = 'CLOSED' THEN 'CLOSED'
                                        WHEN $trader THEN 'ANSWERED' ELSE 'OPEN' END
                    CREATE (r)-[:HAS_MESSAGE]->(m:RequestMessage {seq: r.messageSeq, author: $author, trader: $trader,
                            text: $text, at: datetime(), clientId: $clientId})
                    WITH m
                    UNWIND (CASE WHEN size($documents) = 0 THEN [null] ELSE $documents END) AS documentId
                    OPTIONAL MATCH (doc:Document {id: documentId})
                    FOREACH (x IN CASE WHEN doc IS NULL THEN [] ELSE [doc] END | MERGE (m)-[:ATTACHES]->(x))
                    RETURN DISTINCT m.seq AS seq
                    """, params).single().get("seq").asInt();
            return messages(tx, id).stream()
                    .filter(m -> m.seq() == seq)
                    .findFirst()
                    .orElseThrow();
        });
        var now = graph.read(tx -> read(tx, id)).orElseThrow();
        changed(now);
        events.publishEvent(new RequestNotice.Posted(now, posted));
        return new Posted(posted, true);
    }

    /** Closes a request: settled, nothing more can be posted. Closing a closed one changes nothing. */
    public InformationRequest close(UserAccount staff, String id) {
        requireAsker(staff);
        var closed = graph.write(tx -> {
            tx.run("""
                    MATCH (r:InformationRequest {id: $id}) WHERE r.status <> 'CLOSED'
                    SET r.status = 'CLOSED', r.closedAt = datetime(), r.closedBy = $user
                    """, Map.of("id", id, "user", staff.username())).consume();
            return read(tx, id);
        });
        var request = closed.orElseThrow(() -> RequestException.notFound(id));
        changed(request);
        return request;
    }

    /**
     * Announces, once each, the open requests whose deadline is near ({@link RequestNotice.Reminder})
     * and those whose deadline passed ({@link RequestNotice.Overdue}).
     *
     * @param remindBefore how far before the deadline the reminder goes
     */
    public Reminders remind(java.time.Duration remindBefore) {
        LocalDate today = today();
        LocalDate remindUpTo = today.plusDays(Math.max(0, remindBefore.toDays()));
        var params = Map.<String, Object>of("today", today, "upTo", remindUpTo);
        var reminded = graph.write(tx -> tx.run("""
                MATCH (r:InformationRequest {status: 'OPEN'})
                WHERE r.remindedAt IS NULL AND r.deadline >= $today AND r.deadline <= $upTo
                SET r.remindedAt = datetime()
                WITH r
                """ + READ, params).list(this::toRequest));
        var overdue = graph.write(tx -> tx.run("""
                MATCH (r:InformationRequest {status: 'OPEN'})
                WHERE r.overdueNoticeAt IS NULL AND r.deadline < $today
                SET r.overdueNoticeAt = datetime()
                WITH r
                """ + READ, params).list(this::toRequest));
        reminded.forEach(r -> events.publishEvent(new RequestNotice.Reminder(r)));
        overdue.forEach(r -> {
            changed(r);
            events.publishEvent(new RequestNotice.Overdue(r));
        });
        return new Reminders(reminded.size(), overdue.size());
    }

    /**
     * Calls {@code listener} with a request's id whenever it changes from now on. The key is a
     * request id (its thread), {@code company:} and a company id (that company's traders' list), or
     * {@link #EVERY_REQUEST} (staff's list).
     */
    public LiveListeners.Subscription subscribe(String key, Consumer<String> listener) {
        return live.subscribe(key, listener);
    }

    /** The key of {@link #subscribe} for the requests to one company. */
    public static String companyKey(String companyId) {
        return "company:" + companyId;
    }

    private void changed(InformationRequest request) {
        live.tell(request.id(), request.id());
        live.tell(companyKey(request.companyId()), request.id());
        live.tell(EVERY_REQUEST, request.id());
    }

    private List<Attachment> file(UserAccount author, InformationRequest request, List<Upload> files)
            throws IOException {
        if (files.isEmpty()) {
            return List.of();
        }
        var intake = documents.getIfAvailable();
        if (intake == null) {
            throw new RequestException(Reason.CONFLICT, "this server files no documents: send the text alone");
        }
        var attached = new ArrayList<Attachment>();
        for (Upload upload : files) {
            try (InputStream in = upload.content().getInputStream()) {
                var filed = intake.file(
                        author.actor(),
                        in,
                        DocumentService.Filing.of(
                                upload.fileName(),
                                "OTHER",
                                null,
                                request.declarationId(),
                                author.isTrader() ? request.companyId() : null,
                                today()));
                attached.add(new Attachment(filed.documentId(), upload.fileName()));
            }
        }
        return attached;
    }

    private Optional<Message> earlier(String id, String author, String clientId) {
        return graph.read(tx -> {
            var seq = tx.run("""
                    MATCH (:InformationRequest {id: $id})-[:HAS_MESSAGE]->(m:RequestMessage {clientId: $clientId})
                    WHERE m.author = $author
                    RETURN m.seq AS seq
                    """, Map.of("id", id, "author", author, "clientId", clientId))
                    .list(r -> r.get("seq").asInt());
            return seq.isEmpty()
                    ? Optional.empty()
                    : messages(tx, id).stream()
                            .filter(m -> m.seq() == seq.getFirst())
                            .findFirst();
        });
    }

    private String partyOf(String declaration, String company) {
        var parties = graph.query("""
                MATCH (d:Declaration {id: $id})
                OPTIONAL MATCH (d)-[:SOLD_BY]->(seller:Company)
                OPTIONAL MATCH (d)-[:BOUGHT_BY]->(buyer:Company)
                OPTIONAL MATCH (d)-[:DECLARED_BY]->(declarant:Company)
                RETURN d.direction AS direction, seller.id AS seller, buyer.id AS buyer, declarant.id AS declarant
                """, Map.of("id", declaration), r -> r);
        if (parties.isEmpty()) {
            throw RequestException.invalid("declarationId: no declaration " + declaration);
        }
        Record row = parties.getFirst();
        if (company == null) {
            String domestic = "EXPORT".equals(row.get("direction").asString(""))
                    ? row.get("seller").asString(null)
                    : row.get("buyer").asString(null);
            if (domestic == null) {
                throw RequestException.invalid("declaration " + declaration + " names no domestic company to ask");
            }
            return domestic;
        }
        for (String party : List.of("seller", "buyer", "declarant")) {
            if (company.equals(row.get(party).asString(null))) {
                return company;
            }
        }
        throw RequestException.invalid("company " + company + " is not a party to declaration " + declaration);
    }

    private boolean exists(String cypher, String id) {
        return !graph.query(cypher, Map.of("id", id), r -> r).isEmpty();
    }

    private Optional<InformationRequest> read(org.neo4j.driver.TransactionContext tx, String id) {
        return tx
                .run("MATCH (r:InformationRequest {id: $id})\n" + READ, Map.of("id", id))
                .list(this::toRequest)
                .stream()
                .findFirst();
    }

    private static List<Message> messages(org.neo4j.driver.TransactionContext tx, String id) {
        return tx.run("""
                MATCH (:InformationRequest {id: $id})-[:HAS_MESSAGE]->(m:RequestMessage)
                OPTIONAL MATCH (m)-[:ATTACHES]->(doc:Document)
                WITH m, doc ORDER BY doc.fileName
                WITH m, collect(doc {.id, .fileName}) AS files
                RETURN m, files ORDER BY m.seq
                """, Map.of("id", id)).list(r -> {
            Value m = r.get("m");
            return new Message(
                    m.get("seq").asInt(),
                    m.get("author").asString(),
                    m.get("trader").asBoolean(),
                    m.get("at").asZonedDateTime().toInstant(),
                    m.get("text").asString(),
                    r.get("files")
                            .asList(f -> new Attachment(
                                    f.get("id").asString(), f.get("fileName").asString(""))));
        });
    }

    private InformationRequest toRequest(Record row) {
        Value r = row.get("r");
        LocalDate deadline = r.get("deadline").asLocalDate();
        Status status = Status.valueOf(r.get("status").asString());
        if (status == Status.OPEN && deadline.isBefore(today())) {
            status = Status.OVERDUE;
        }
        return new InformationRequest(
                r.get("id").asString(),
                row.get("companyId").asString(),
                row.get("companyName").asString(""),
                row.get("declarationId").asString(null),
                r.get("question").asString(),
                r.get("askedBy").asString(),
                r.get("askedAt").asZonedDateTime().toInstant(),
                deadline,
                status,
                row.get("messages").asInt(),
                row.get("lastAt").asZonedDateTime().toInstant());
    }

    private boolean sees(UserAccount viewer, InformationRequest request) {
        if (viewer.isTrader()) {
            return request.companyId().equals(viewer.companyId());
        }
        return viewer.roles().stream().anyMatch(ASKERS::contains);
    }

    private static void requireAsker(UserAccount user) {
        if (user.isTrader() || user.roles().stream().noneMatch(ASKERS::contains)) {
            throw new RequestException(
                    Reason.FORBIDDEN, "only risk officers, investigators and administrators ask traders");
        }
    }

    private static String traderCompany(UserAccount trader) {
        return trader.company()
                .orElseThrow(() -> new RequestException(Reason.FORBIDDEN, "the user belongs to no company"));
    }

    private static String checkText(String text) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw RequestException.invalid("question: write what you ask");
        }
        if (body.length() > MAX_TEXT) {
            throw RequestException.invalid("question: at most " + MAX_TEXT + " characters");
        }
        return body;
    }

    private LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
