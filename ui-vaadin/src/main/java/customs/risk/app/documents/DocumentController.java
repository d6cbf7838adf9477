package customs.risk.app.documents;

import customs.risk.documents.extract.DocumentTooLargeException;
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
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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

    @PostMapping(path = "/api/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> upload(@RequestParam("file") MultipartFile file,
            @RequestParam(required = false) String docType, @RequestParam(required = false) String documentId,
            @RequestParam(required = false) String declarationId, @RequestParam(required = false) String companyId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate filedOn)
            throws IOException {
        DocumentService.Filed filed;
        try (InputStream in = file.getInputStream()) {
            filed = documents.file(in, file.getOriginalFilename(), docType, documentId, declarationId, companyId,
                    filedOn);
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
        return ResponseEntity.created(URI.create("/api/documents/" + filed.documentId() + "/file")).body(body);
    }

    @GetMapping("/api/documents/search")
    Map<String, Object> search(@RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) List<String> type, @RequestParam(required = false) List<String> company,
            @RequestParam(required = false) List<String> declaration, @RequestParam(required = false) String hs,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) throws IOException {
        checkPage(page, size);
        var query = new DocumentQuery(q, set(type), set(company), set(declaration), hs, from, to, page * size, size);
        return body(documents.search(query), page, size);
    }

    /** Documents whose text names the company, whoever filed them. */
    @GetMapping("/api/companies/{companyId}/documents")
    Map<String, Object> mentioning(@PathVariable String companyId, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) throws IOException {
        checkPage(page, size);
        var results = documents.mentioning(companyId, page * size, size).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "company " + companyId + " is not in the graph"));
        return body(results, page, size);
    }

    @GetMapping("/api/documents/{documentId}/file")
    ResponseEntity<InputStreamResource> file(@PathVariable String documentId) throws IOException {
        var file = documents.open(documentId).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "document " + documentId + " is not in the graph"));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.getKey()).build()
                        .toString())
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(new InputStreamResource(file.getValue()));
    }

    @ExceptionHandler(DocumentTooLargeException.class)
    ProblemDetail tooLarge(DocumentTooLargeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler({DocumentService.UnknownReferenceException.class, IllegalArgumentException.class})
    ProblemDetail badRequest(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler({IOException.class, co.elastic.clients.elasticsearch._types.ElasticsearchException.class})
    ProblemDetail searchDown(Exception e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "document search is unavailable: " + e.getMessage());
    }

    private static void checkPage(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE || (long) (page + 1) * size > DocumentQuery.MAX_WINDOW) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be >= 0, size within 1.."
                    + MAX_PAGE_SIZE + ", and page * size below " + DocumentQuery.MAX_WINDOW);
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
        return counts.stream().map(c -> {
            var facet = new LinkedHashMap<String, Object>();
            facet.put("value", c.value());
            facet.put("count", c.count());
            return (Map<String, Object>) facet;
        }).toList();
    }
}
