package customs.risk.app.survey;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The statistics page's download links: the REST API takes Basic authentication only, so pages link
 * here, where the signed-in session counts. Administrators and risk officers, as the results API.
 */
@RestController
class SurveyDownloadController {

    private final SurveyDownloads downloads;

    SurveyDownloadController(SurveyDownloads downloads) {
        this.downloads = downloads;
    }

    @GetMapping("/download/surveys/{id}/results.csv")
    ResponseEntity<StreamingResponseBody> csv(@PathVariable String id, HttpServletRequest request) {
        check(request);
        return downloads.csv(id);
    }

    @GetMapping("/download/surveys/{id}/results.xlsx")
    ResponseEntity<StreamingResponseBody> xlsx(@PathVariable String id, HttpServletRequest request) throws IOException {
        check(request);
        return downloads.xlsx(id);
    }

    private static void check(HttpServletRequest request) {
        if (!request.isUserInRole("ADMIN") && !request.isUserInRole("RISK_OFFICER")) {
            throw new ResponseStatusException(
                    HttpStatus.FORBIDDEN, "survey results are for administrators and risk officers");
        }
    }
}
