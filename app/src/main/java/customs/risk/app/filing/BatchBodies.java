package customs.risk.app.filing;

import customs.risk.ingest.BundleException;
import customs.risk.ingest.entry.BatchReport;
import customs.risk.ingest.entry.RowBatch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A batch of contract rows as a request body: a JSON array of objects keyed by column name, or CSV
 * with the contract's header. Each mistake in the body itself is one line of a 4xx answer; mistakes
 * in rows are the report's.
 */
final class BatchBodies {

    /** Far above 10,000 rows of any real declaration file; guards the heap against a runaway upload. */
    static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BatchBodies() {}

    /**
     * Reads the rows of {@code fileName} from a body of the given content type.
     *
     * @throws ResponseStatusException 400 for a malformed body or header, 413 beyond the bounds, 415
     *     for another content type
     */
    static RowBatch read(String fileName, String contentType, InputStream body) throws IOException {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            return json(bytes(body));
        }
        if (type.startsWith("text/csv")) {
            return csv(fileName, bytes(body));
        }
        throw new ResponseStatusException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "send the rows as application/json (an array of objects) or text/csv (with the header of " + fileName
                        + ")");
    }

    /** Rows in a part of a multipart request: JSON when it starts with {@code [}, CSV otherwise. */
    static RowBatch readPart(String fileName, byte[] part) {
        String start = new String(part, 0, Math.min(part.length, 64), StandardCharsets.UTF_8).stripLeading();
        return start.startsWith("[") ? json(part) : csv(fileName, part);
    }

    static Map<String, Object> answer(BatchReport report, boolean withPhotos) {
        var body = new LinkedHashMap<String, Object>();
        body.put("received", report.received());
        body.put("saved", report.saved());
        body.put("refused", report.refused());
        body.put("lines", report.lines());
        if (withPhotos) {
            body.put("photos", report.photos());
        }
        return body;
    }

    static ResponseStatusException unloadable(BundleException e) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    private static byte[] bytes(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ResponseStatusException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "the body is larger than " + MAX_BODY_BYTES / (1024 * 1024) + " MB; send fewer rows at a time");
        }
        return bytes;
    }

    private static RowBatch csv(String fileName, byte[] body) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(java.nio.ByteBuffer.wrap(body));
            return RowBatch.readCsv(
                    fileName,
                    new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8),
                    RowBatch.MAX_ROWS_DEFAULT);
        } catch (CharacterCodingException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, fileName + ": not UTF-8");
        } catch (BundleException e) {
            throw unloadable(e);
        } catch (RowBatch.TooManyRowsException e) {
            throw tooMany(e);
        }
    }

    private static RowBatch json(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "the body must be a JSON array of objects, one per row");
        }
        var rows = new ArrayList<Map<String, String>>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            if (!item.isObject()) {
                throw new ResponseStatusException(
                        HttpStatus.BAD_REQUEST, "row " + (i + 1) + " is not a JSON object keyed by column name");
            }
            var row = new LinkedHashMap<String, String>();
            for (var field : item.properties()) {
                JsonNode value = field.getValue();
                if (value.isContainer()) {
                    throw new ResponseStatusException(
                            HttpStatus.BAD_REQUEST,
                            "row " + (i + 1) + ", column " + field.getKey() + ": a value must be a string");
                }
                row.put(field.getKey(), value.isNull() ? "" : value.asString());
            }
            rows.add(row);
        }
        try {
            return RowBatch.of(rows, RowBatch.MAX_ROWS_DEFAULT);
        } catch (RowBatch.TooManyRowsException e) {
            throw tooMany(e);
        }
    }

    private static ResponseStatusException tooMany(RowBatch.TooManyRowsException e) {
        return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }
}
