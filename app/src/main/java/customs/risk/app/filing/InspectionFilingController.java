package customs.risk.app.filing;

import customs.risk.cases.team.AccountPrincipal;
import customs.risk.ingest.BundleException;
import customs.risk.ingest.entry.InspectionEntry;
import customs.risk.ingest.entry.PhotoIntake;
import customs.risk.ingest.entry.RowBatch;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/inspections}: inspectors file a batch of inspection results, as JSON or CSV, or
 * as a multipart request whose part {@code rows} holds the batch and whose parts
 * {@code photo:<declaration_id>} hold photos of the goods, each filed with that declaration's
 * documents.
 */
@RestController
class InspectionFilingController {

    static final String ROWS_PART = "rows";
    static final String PHOTO_PART = "photo:";

    private final InspectionEntry inspections;

    InspectionFilingController(InspectionEntry inspections) {
        this.inspections = inspections;
    }

    @PostMapping(path = "/api/inspections", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Map<String, Object> fileWithPhotos(
            @AuthenticationPrincipal AccountPrincipal user, MultipartHttpServletRequest request) throws IOException {
        RowBatch batch;
        var rowsFile = request.getFile(ROWS_PART);
        if (rowsFile != null) {
            batch = BatchBodies.readPart(InspectionEntry.FILE, rowsFile.getBytes());
        } else if (request.getParameter(ROWS_PART) != null) {
            batch = BatchBodies.readPart(
                    InspectionEntry.FILE,
                    request.getParameter(ROWS_PART).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "the part '" + ROWS_PART + "' with the inspection rows is missing");
        }
        var photos = new LinkedHashMap<String, List<PhotoIntake.Photo>>();
        for (var part : request.getMultiFileMap().entrySet()) {
            if (part.getKey().equals(ROWS_PART)) {
                continue;
            }
            if (!part.getKey().startsWith(PHOTO_PART) || part.getKey().length() == PHOTO_PART.length()) {
                throw new ResponseStatusException(
                        HttpStatus.BAD_REQUEST,
                        "unknown part '" + part.getKey() + "': photos go in parts named " + PHOTO_PART
                                + "<declaration_id>");
            }
            var ofDeclaration = photos.computeIfAbsent(
                    part.getKey().substring(PHOTO_PART.length()).strip(), d -> new ArrayList<>());
            for (var file : part.getValue()) {
                ofDeclaration.add(new PhotoIntake.Photo(file.getOriginalFilename(), file.getBytes()));
            }
        }
        return submit(user, batch, photos);
    }

    @PostMapping("/api/inspections")
    Map<String, Object> file(@AuthenticationPrincipal AccountPrincipal user, HttpServletRequest request)
            throws IOException {
        var batch = BatchBodies.read(InspectionEntry.FILE, request.getContentType(), request.getInputStream());
        return submit(user, batch, Map.of());
    }

    private Map<String, Object> submit(
            AccountPrincipal user, RowBatch batch, Map<String, List<PhotoIntake.Photo>> photos) {
        try {
            return BatchBodies.answer(inspections.submitAll(user.actor(), batch, photos), true);
        } catch (BundleException e) {
            throw BatchBodies.unloadable(e);
        }
    }
}
