package customs.risk.app.documents;

import customs.risk.cases.team.AccountPrincipal;
import customs.risk.documents.filing.DocumentService;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The filed file for the web UI's links: the REST API ({@code /api/documents/{id}/file}) takes
 * Basic authentication only, so pages link here, where the signed-in session counts. Staff only,
 * like document search.
 */
@RestController
class DocumentDownloadController {

    private static final List<String> STAFF = List.of("ADMIN", "RISK_OFFICER", "INVESTIGATOR", "INSPECTOR");

    private final DocumentService documents;

    DocumentDownloadController(DocumentService documents) {
        this.documents = documents;
    }

    @GetMapping("/download/documents/{documentId}")
    ResponseEntity<InputStreamResource> file(
            @AuthenticationPrincipal AccountPrincipal user, @PathVariable String documentId, HttpServletRequest request)
            throws IOException {
        if (STAFF.stream().noneMatch(request::isUserInRole)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "documents are for customs staff");
        }
        var file = documents.open(user.actor(), documentId).orElseThrow(() -> DocumentController.notFound(documentId));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(file.getKey()))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(new InputStreamResource(file.getValue()));
    }
}
