package customs.risk.app.bundles;

import customs.risk.ingest.jobs.IngestJob;
import customs.risk.ingest.jobs.IngestJobs;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * Bulk upload over REST: {@code POST /api/bundles} takes a zip of a bundle (multipart field
 * {@code file}, or the raw body as {@code application/zip}) and answers 202 with a job to poll.
 */
@RestController
@RequestMapping("/api/bundles")
class BundleController {

    private final IngestJobs jobs;
    private final long maxUploadBytes;

    BundleController(IngestJobs jobs, @Value("${spring.servlet.multipart.max-file-size:1GB}") DataSize maxUpload) {
        this.jobs = jobs;
        this.maxUploadBytes = maxUpload.toBytes();
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> upload(@RequestParam("file") MultipartFile file) throws IOException {
        if (file.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the uploaded file is empty");
        }
        try (InputStream in = file.getInputStream()) {
            return accepted(jobs.submit(in));
        }
    }

    @PostMapping(
            consumes = {"application/zip", "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<Map<String, Object>> uploadRaw(InputStream body) throws IOException {
        // Multipart uploads are capped by Spring; a raw body gets the same limit here.
        return accepted(jobs.submit(UploadLimit.of(body, maxUploadBytes)));
    }

    @GetMapping("/{id}")
    ResponseEntity<Map<String, Object>> status(@PathVariable String id) {
        return jobs.status(id)
                .map(ResponseEntity::ok)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no bundle job " + id));
    }

    @GetMapping(value = "/{id}/report", produces = "text/csv")
    ResponseEntity<Resource> report(@PathVariable String id) {
        return jobs.report(id)
                .map(path -> ResponseEntity.ok()
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                "attachment; filename=\"ingest-report-" + id + ".csv\"")
                        .contentType(MediaType.parseMediaType("text/csv"))
                        .body((Resource) new FileSystemResource(path)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    private static ResponseEntity<Map<String, Object>> accepted(IngestJob job) {
        return ResponseEntity.accepted()
                .location(URI.create("/api/bundles/" + job.id()))
                .body(IngestJobs.describe(job, Optional.empty()));
    }

    @ExceptionHandler(UploadLimit.TooLargeException.class)
    ProblemDetail tooLarge(UploadLimit.TooLargeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }
}
