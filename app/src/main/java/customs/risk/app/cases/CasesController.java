package customs.risk.app.cases;

import customs.risk.app.security.AuditCsv;
import customs.risk.cases.CaseAttachments;
import customs.risk.cases.CaseConversation;
import customs.risk.cases.CaseException;
import customs.risk.cases.CaseModel.CaseDetails;
import customs.risk.cases.CaseModel.CaseEvent;
import customs.risk.cases.CaseModel.Changes;
import customs.risk.cases.CaseModel.Message;
import customs.risk.cases.CaseModel.MessageVersion;
import customs.risk.cases.CaseModel.Priority;
import customs.risk.cases.CaseModel.Status;
import customs.risk.cases.CaseModel.Unread;
import customs.risk.cases.CaseService;
import customs.risk.cases.report.CaseReport;
import customs.risk.cases.report.EvidenceGraphs;
import customs.risk.cases.team.AccountPrincipal;
import customs.risk.documents.extract.DocumentTooLargeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Cases and their conversations over REST. Who may call is decided twice: {@code ApiAccess} lets
 * staff in, {@link CaseService} lets only the case's team (and admins) at a case, answering 404 to
 * anyone else so that case ids reveal nothing.
 */
@RestController
class CasesController {

    private static final String DEFAULT_PAGE = "100";

    private final CaseService cases;
    private final CaseConversation conversation;
    private final CaseAttachments attachments;
    private final CaseReport report;
    private final EvidenceGraphs evidenceGraphs;

    CasesController(
            CaseService cases,
            CaseConversation conversation,
            CaseAttachments attachments,
            CaseReport report,
            EvidenceGraphs evidenceGraphs) {
        this.cases = cases;
        this.conversation = conversation;
        this.attachments = attachments;
        this.report = report;
        this.evidenceGraphs = evidenceGraphs;
    }

    record NewCase(String title, Priority priority, List<String> about, List<String> members) {}

    record Patch(String title, Status status, String outcome, Priority priority, String owner) {}

    record Member(String username) {}

    record Link(String entity) {}

    record Text(String text) {}

    record NewMessage(String text, String clientId) {}

    @PostMapping("/api/cases")
    ResponseEntity<CaseDetails> create(@AuthenticationPrincipal AccountPrincipal user, @RequestBody NewCase body) {
        CaseDetails created = cases.create(user.actor(), body.title(), body.priority(), body.about(), body.members());
        return ResponseEntity.created(URI.create("/api/cases/" + created.id())).body(created);
    }

    /** The caller's cases; with {@code scope=all}, for administrators, every case a page at a time. */
    @GetMapping("/api/cases")
    List<CaseDetails> list(
            @AuthenticationPrincipal AccountPrincipal user,
            @RequestParam(defaultValue = "mine") String scope,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        return switch (scope) {
            case "mine" -> cases.mine(user.actor());
            case "all" -> cases.all(user.actor(), offset, limit);
            default -> throw CaseException.invalid("scope: mine or all");
        };
    }

    @GetMapping("/api/cases/unread")
    List<Unread> unread(@AuthenticationPrincipal AccountPrincipal user) {
        return conversation.unread(user.actor());
    }

    @GetMapping("/api/cases/{id}")
    CaseDetails get(@AuthenticationPrincipal AccountPrincipal user, @PathVariable String id) {
        return cases.get(user.actor(), id);
    }

    @PatchMapping("/api/cases/{id}")
    CaseDetails update(
            @AuthenticationPrincipal AccountPrincipal user, @PathVariable String id, @RequestBody Patch body) {
        return cases.update(
                user.actor(),
                id,
                new Changes(body.title(), body.status(), body.outcome(), body.priority(), body.owner()));
    }

    @PostMapping("/api/cases/{id}/members")
    CaseDetails addMember(
            @AuthenticationPrincipal AccountPrincipal user, @PathVariable String id, @RequestBody Member body) {
        return cases.addMember(user.actor(), id, body.username());
    }

    @DeleteMapping("/api/cases/{id}/members/{username}")
    CaseDetails removeMember(
            @AuthenticationPrincipal AccountPrincipal user, @PathVariable String id, @PathVariable String username) {
        return cases.removeMember(user.actor(), id, username);
    }

    @PostMapping("/api/cases/{id}/links")
    CaseDetails link(@AuthenticationPrincipal AccountPrincipal user, @PathVariable String id, @RequestBody Link body) {
        return cases.link(user.actor(), id, body.entity());
    }

    @DeleteMapping("/api/cases/{id}/links/{entity}")
    CaseDetails unlink(
            @AuthenticationPrincipal AccountPrincipal user, @PathVariable String id, @PathVariable String entity) {
        return cases.unlink(user.actor(), id, entity);
    }

    @PostMapping("/api/cases/{id}/notes")
    ResponseEntity<CaseEvent> note(
            @AuthenticationPrincipal AccountPrincipal user, @PathVariable String id, @RequestBody Text body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(cases.addNote(user.actor(), id, body.text()));
    }

    @GetMapping("/api/cases/{id}/timeline")
    List<CaseEvent> timeline(@AuthenticationPrincipal AccountPrincipal user, @PathVariable String id) {
        return cases.timeline(user.actor(), id);
    }

    /**
     * The case's whole trail for administrators, reads and downloads of its attachments included, as
     * JSON or ({@code format=csv}) a CSV download.
     */
    @GetMapping("/api/cases/{id}/audit")
    ResponseEntity<?> audit(
            @AuthenticationPrincipal AccountPrincipal user,
            @PathVariable String id,
            @RequestParam(defaultValue = "json") String format) {
        var events = cases.timeline(user.actor(), id);
        return switch (format) {
            case "json" -> ResponseEntity.ok(events);
            case "csv" ->
                AuditCsv.download(
                        id + "-audit.csv",
                        List.of("seq", "at", "actor", "kind", "detail"),
                        events.stream()
                                .map(e -> List.<Object>of(
                                        e.seq(),
                                        e.at().toString(),
                                        e.actor(),
                                        e.kind().name(),
                                        e.detail() == null ? "" : e.detail()))
                                .toList());
            default -> throw CaseException.invalid("format is json or csv, not '" + format + "'");
        };
    }

    /**
     * The case report as a PDF download, each entity with the evidence behind its loop and cluster
     * reasons. Written whole before it is sent, so a refused case answers 404 like every other call
     * rather than a broken file.
     */
    @GetMapping("/api/cases/{id}/report.pdf")
    ResponseEntity<byte[]> report(@AuthenticationPrincipal AccountPrincipal user, @PathVariable String id)
            throws IOException {
        var pdf = new ByteArrayOutputStream();
        report.write(user.actor(), id, evidenceGraphs.seenBy(user.actor()), pdf);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(id + "-report.pdf")
                                .build()
                                .toString())
                .body(pdf.toByteArray());
    }

    @GetMapping("/api/cases/{id}/messages")
    List<Message> messages(
            @AuthenticationPrincipal AccountPrincipal user,
            @PathVariable String id,
            @RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = DEFAULT_PAGE) int limit) {
        return conversation.messages(user.actor(), id, after, limit);
    }

    /** 201 for a new message, 200 when the clientId was posted before (the stored message again). */
    @PostMapping("/api/cases/{id}/messages")
    ResponseEntity<Message> post(
            @AuthenticationPrincipal AccountPrincipal user, @PathVariable String id, @RequestBody NewMessage body) {
        var posted = conversation.post(user.actor(), id, body.text(), body.clientId());
        return ResponseEntity.status(posted.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(posted.message());
    }

    @PatchMapping("/api/cases/{id}/messages/{messageId}")
    Message edit(
            @AuthenticationPrincipal AccountPrincipal user,
            @PathVariable String id,
            @PathVariable String messageId,
            @RequestBody Text body) {
        return conversation.edit(user.actor(), id, messageId, body.text());
    }

    @DeleteMapping("/api/cases/{id}/messages/{messageId}")
    Message delete(
            @AuthenticationPrincipal AccountPrincipal user, @PathVariable String id, @PathVariable String messageId) {
        return conversation.delete(user.actor(), id, messageId);
    }

    @GetMapping("/api/cases/{id}/messages/{messageId}/history")
    List<MessageVersion> history(
            @AuthenticationPrincipal AccountPrincipal user, @PathVariable String id, @PathVariable String messageId) {
        return conversation.history(user.actor(), id, messageId);
    }

    /** Attaches a file to one's own message; see {@link CaseAttachments}. */
    @PostMapping(
            path = "/api/cases/{id}/messages/{messageId}/attachments",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Message> attach(
            @AuthenticationPrincipal AccountPrincipal user,
            @PathVariable String id,
            @PathVariable String messageId,
            @RequestParam("file") MultipartFile file,
            @RequestParam(required = false) String docType)
            throws IOException {
        try (InputStream in = file.getInputStream()) {
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(attachments.attach(user.actor(), id, messageId, in, file.getOriginalFilename(), docType));
        }
    }

    @ExceptionHandler(DocumentTooLargeException.class)
    ProblemDetail tooLarge(DocumentTooLargeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    /** An unknown document type. */
    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
