package customs.risk.app.documents;

import customs.risk.cases.team.AccountPrincipal;
import customs.risk.documents.extract.DocumentTooLargeException;
import customs.risk.documents.filing.DocumentService;
import customs.risk.documents.search.DocumentQuery;
import customs.risk.documents.search.SearchResults;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.InputStreamResource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * Filed documents over REST: upload with optional links to a declaration or company, full-text
 * search with filters, facets and snippets, the documents that mention a company, and the file.
 */
@RestController
class DocumentController {

    private static final int MAX_PAGE_SIZE = 100;

    private final DocumentService documents;

    DocumentController(DocumentService documents) {
        this.documents = documents;
    }

    /**
     * Files a document: 201 when filed, 200 when these very bytes were already filed under the id,
     * 409 when the id holds other content (a correction is filed with {@code supersedes}).
     */
    @PostMapping(path = "/api/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> upload(
            @AuthenticationPrincipal AccountPrincipal user,
            @RequestParam("file") MultipartFile file,
            @RequestParam(required = false) String docType,
            @RequestParam(required = false) String documentId,
            @RequestParam(required = false) String declarationId,
            @RequestParam(required = false) String companyId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate filedOn,
            @RequestParam(required = false) String supersedes)
            throws IOException {
        DocumentService.Filed filed;
        try (InputStream in = file.getInputStream()) {
            filed = documents.file(
                    user.actor(),
                    in,
                    DocumentService.Filing.of(
                                    file.getOriginalFilename(), docType, documentId, declarationId, companyId, filedOn)
                            .superseding(supersedes));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("documentId", filed.documentId());
        body.put("sha256", filed.sha256());
        body.put("size", filed.size());
        body.put("contentType", filed.contentType());
        body.put("encrypted", filed.encrypted());
        body.put("corrupt", filed.corrupt());
        body.put("problem", filed.problem());
        body.put("indexing", filed.indexed() ? "INDEXED" : "QUEUED");
        body.put("fileUrl", "/api/documents/" + filed.documentId() + "/file");
        return filed.created()
                ? ResponseEntity.created(URI.create("/api/documents/" + filed.documentId() + "/file"))
                        .body(body)
                : ResponseEntity.ok(body);
    }

    /** Who filed the document and when, the version it corrects and those correcting it. */
    @GetMapping("/api/documents/{documentId}")
    DocumentService.Provenance provenance(
            @AuthenticationPrincipal AccountPrincipal user, @PathVariable String documentId) {
        return documents.provenance(user.actor(), documentId).orElseThrow(() -> notFound(documentId));
    }

    @GetMapping("/api/documents/search")
    Map<String, Object> search(
            @AuthenticationPrincipal AccountPrincipal user,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) List<String> type,
            @RequestParam(required = false) List<String> company,
            @RequestParam(required = false) List<String> declaration,
            @RequestParam(required = false) String hs,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size)
            throws IOException {
        checkPage(page, size);
        var query = new DocumentQuery(q, set(type), set(company), set(declaration), hs, from, to, page * size, size);
        return body(documents.search(user.actor(), query), page, size);
    }

    /** Documents whose text names the company, whoever filed them. */
    @GetMapping("/api/companies/{companyId}/documents")
    Map<String, Object> mentioning(
            @AuthenticationPrincipal AccountPrincipal user,
            @PathVariable String companyId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size)
            throws IOException {
        checkPage(page, size);
        var results = documents
                .mentioning(user.actor(), companyId, page * size, size)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "company " + companyId + " is not in the graph"));
        return body(results, page, size);
    }

    @GetMapping("/api/documents/{documentId}/file")
    ResponseEntity<InputStreamResource> file(
            @AuthenticationPrincipal AccountPrincipal user, @PathVariable String documentId) throws IOException {
        var file = documents.open(user.actor(), documentId).orElseThrow(() -> notFound(documentId));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(file.getKey()))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(new InputStreamResource(file.getValue()));
    }

    @ExceptionHandler(DocumentTooLargeException.class)
    ProblemDetail tooLarge(DocumentTooLargeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(DocumentService.DocumentConflictException.class)
    ProblemDetail conflict(DocumentService.DocumentConflictException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler({DocumentService.UnknownReferenceException.class, IllegalArgumentException.class})
    ProblemDetail badRequest(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler({IOException.class, co.elastic.clients.elasticsearch._types.ElasticsearchException.class})
    ProblemDetail searchDown(Exception e) {
        return ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "document search is unavailable: " + e.getMessage());
    }

    /** Also for a document filed into a case the user may not see: its existence stays in the case. */
    static ResponseStatusException notFound(String documentId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "document " + documentId + " is not in the graph");
    }

    private static void checkPage(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE || ((long) page + 1) * size > DocumentQuery.MAX_WINDOW) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST,
                    "page must be >= 0, size within 1.." + MAX_PAGE_SIZE + ", and page * size below "
                            + DocumentQuery.MAX_WINDOW);
        }
    }

    private static Set<String> set(List<String> values) {
        return values == null ? Set.of() : Set.copyOf(values);
    }

    private static Map<String, Object> body(SearchResults results, int page, int size) {
        var hits = new ArrayList<Map<String, Object>>();
        for (var hit : results.hits()) {
            var row = new LinkedHashMap<String, Object>();
            row.put("rank", page * size + hits.size() + 1);
            row.put("documentId", hit.documentId());
            row.put("score", hit.score());
            row.put("docType", hit.docType());
            row.put("title", hit.title());
            row.put("filedOn", hit.filedOn() == null ? null : hit.filedOn().toString());
            row.put("companies", hit.companyIds());
            row.put("declarations", hit.declarationIds());
            row.put("hsCodes", hit.hsCodes());
            row.put("snippets", hit.snippets());
            row.put("encrypted", hit.encrypted());
            row.put("corrupt", hit.corrupt());
            row.put("fileUrl", "/api/documents/" + hit.documentId() + "/file");
            hits.add(row);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("total", results.total());
        body.put("page", page);
        body.put("size", size);
        body.put("hits", hits);
        var facets = new LinkedHashMap<String, Object>();
        facets.put("type", facets(results.types()));
        facets.put("company", facets(results.companies()));
        facets.put("year", facets(results.years()));
        body.put("facets", facets);
        return body;
    }

    private static List<Map<String, Object>> facets(List<SearchResults.FacetCount> counts) {
        return counts.stream()
                .map(c -> {
                    var facet = new LinkedHashMap<String, Object>();
                    facet.put("value", c.value());
                    facet.put("count", c.count());
                    return (Map<String, Object>) facet;
                })
                .toList();
    }
}
