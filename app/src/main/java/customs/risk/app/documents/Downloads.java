package customs.risk.app.documents;

import java.nio.charset.StandardCharsets;

/**
 * The {@code Content-Disposition} of a filed file (RFC 6266): the name as UTF-8 in
 * {@code filename*} for every current browser, and an ASCII stand-in in {@code filename} for the
 * rest, so that {@code 송장.txt} downloads as itself and nothing in a name can break the header.
 */
final class Downloads {

    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private Downloads() {}

    static String attachment(String fileName) {
        var ascii = new StringBuilder();
        var encoded = new StringBuilder();
        fileName.codePoints()
                .forEach(c -> ascii.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? (char) c : '_'));
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || ATTR_CHARS.indexOf(c) >= 0)) {
                encoded.append(c);
            } else {
                encoded.append('%')
                        .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
