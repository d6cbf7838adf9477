package customs.risk.app.filing;

import customs.risk.cases.team.AccountPrincipal;
import customs.risk.ingest.BundleException;
import customs.risk.ingest.entry.DeclarationEntry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/my/declarations}: a trader files a batch of declaration items for its own
 * company, as JSON or CSV, checked and loaded as a bulk load is. The company comes from the signed-in
 * user. The answer counts and reports the rows; it never shows a score, a lane or a reason, nor
 * anything of another company.
 */
@RestController
class DeclarationFilingController {

    private final DeclarationEntry declarations;

    DeclarationFilingController(DeclarationEntry declarations) {
        this.declarations = declarations;
    }

    @PostMapping("/api/my/declarations")
    Map<String, Object> file(@AuthenticationPrincipal AccountPrincipal user, HttpServletRequest request)
            throws IOException {
        String company = user.companyId()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN, "the user belongs to no company"));
        var batch = BatchBodies.read(DeclarationEntry.FILE, request.getContentType(), request.getInputStream());
        try {
            return BatchBodies.answer(declarations.submitAll(batch, company), false);
        } catch (BundleException e) {
            throw BatchBodies.unloadable(e);
        }
    }
}
