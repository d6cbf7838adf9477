package customs.risk.app.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A multipart/form-data upload of one file with text fields, as a browser or curl {@code -F} sends it. */
public final class Multipart {

    private static final String BOUNDARY = "TestFormBoundary";

    private Multipart() {}

    /** A POST to {@code builder}'s address carrying {@code fields} (null values left out) and the file. */
    public static HttpRequest post(
            HttpRequest.Builder builder, Map<String, String> fields, String fileName, byte[] content)
            throws IOException {
        var body = new ByteArrayOutputStream();
        for (var field : fields.entrySet()) {
            if (field.getValue() != null) {
                body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                                + "\"\r\n\r\n" + field.getValue() + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return builder.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }
}
