package customs.risk.app.survey;

import customs.risk.survey.service.SurveyException;
import customs.risk.survey.service.SurveyService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** A survey's answers as CSV or XLSX attachments, for the REST API and the web UI's links alike. */
@Component
class SurveyDownloads {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final SurveyService surveys;

    SurveyDownloads(SurveyService surveys) {
        this.surveys = surveys;
    }

    ResponseEntity<StreamingResponseBody> csv(String id) {
        surveys.survey(id).orElseThrow(() -> SurveyException.notFound(id));
        return attachment(
                id + ".csv",
                new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8),
                out -> surveys.exportCsv(id, out));
    }

    /** Built before the response starts, so a failure is still an error status, not a truncated file. */
    ResponseEntity<StreamingResponseBody> xlsx(String id) throws IOException {
        var bytes = new ByteArrayOutputStream();
        surveys.exportXlsx(id, bytes);
        return attachment(id + ".xlsx", XLSX, out -> bytes.writeTo(out));
    }

    private static ResponseEntity<StreamingResponseBody> attachment(
            String name, MediaType type, StreamingResponseBody body) {
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .contentType(type)
                .body(body);
    }
}
