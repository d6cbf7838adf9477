package customs.risk.app.requests;

import customs.risk.cases.requests.InformationRequest;
import customs.risk.cases.requests.InformationRequests;
import customs.risk.cases.team.AccountPrincipal;
import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * Requests for information over REST, for both sides: staff ask, follow up and close; traders list
 * and answer their company's. Who sees which request is {@link InformationRequests}' affair.
 */
@RestController
@RequestMapping("/api/requests")
class RequestsController {

    /** What an officer asks: about a declaration, or a company, or a company's part in a declaration. */
    record Ask(String declarationId, String companyId, String question, LocalDate deadline) {}

    /** A message without files. */
    record Text(String text, String clientId) {}

    private final InformationRequests requests;

    RequestsController(InformationRequests requests) {
        this.requests = requests;
    }

    @GetMapping
    List<InformationRequest> list(
            @AuthenticationPrincipal AccountPrincipal user,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String declaration,
            @RequestParam(required = false) String company) {
        return requests.list(user.account(), status(status), declaration, company);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<InformationRequest> ask(@AuthenticationPrincipal AccountPrincipal user, @RequestBody Ask ask) {
        var asked = requests.ask(user.account(), ask.declarationId(), ask.companyId(), ask.question(), ask.deadline());
        return ResponseEntity.created(URI.create("/api/requests/" + asked.id())).body(asked);
    }

    @GetMapping("/{id}")
    InformationRequest.Thread thread(@AuthenticationPrincipal AccountPrincipal user, @PathVariable String id) {
        return requests.thread(user.account(), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no request " + id));
    }

    @PostMapping(path = "/{id}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<InformationRequest.Message> post(
            @AuthenticationPrincipal AccountPrincipal user, @PathVariable String id, @RequestBody Text text)
            throws IOException {
        return posted(requests.post(user.account(), id, text.text(), List.of(), text.clientId()));
    }

    /** A message with files: multipart fields {@code text}, {@code clientId} and any number of {@code file}. */
    @PostMapping(path = "/{id}/messages", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<InformationRequest.Message> postWithFiles(
            @AuthenticationPrincipal AccountPrincipal user,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String text,
            @RequestParam(required = false) String clientId,
            @RequestParam(name = "file", required = false) List<MultipartFile> files)
            throws IOException {
        var uploads = (files == null ? List.<MultipartFile>of() : files)
                .stream()
                        .filter(f -> !f.isEmpty())
                        .map(f -> new InformationRequests.Upload(f.getOriginalFilename(), f))
                        .toList();
        return posted(requests.post(user.account(), id, text, uploads, clientId));
    }

    @PostMapping("/{id}/close")
    InformationRequest close(@AuthenticationPrincipal AccountPrincipal user, @PathVariable String id) {
        return requests.close(user.account(), id);
    }

    private static ResponseEntity<InformationRequest.Message> posted(InformationRequests.Posted posted) {
        return ResponseEntity.status(posted.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(posted.message());
    }

    private static InformationRequest.Status status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return InformationRequest.Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST,
                    "status is one of " + List.of(InformationRequest.Status.values()) + ", not '" + status + "'");
        }
    }
}
