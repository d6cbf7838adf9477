package customs.risk.documents.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;

/**
 * Reads the text of filed documents with Apache Tika (PDF, DOCX and other Office formats, TXT,
 * HTML, EML with its attachments); images yield their metadata only. The type is sniffed from
 * the bytes, never taken from the file name, so an invoice renamed {@code .txt} is still read as
 * the PDF it is. Encrypted or damaged files come back flagged instead of failing, because the
 * file must be kept and linked whatever its state. Thread-safe.
 */
public final class TextExtractor {

    /** 50 MiB: the default intake limit of a filed document. */
    public static final long MAX_BYTES_DEFAULT = 50L * 1024 * 1024;
    /** Enough for any real invoice or contract; keeps one huge text from filling the index. */
    public static final int MAX_CHARS_DEFAULT = 5_000_000;

    private static final int METADATA_VALUE_CHARS = 500;

    private final long maxBytes;
    private final int maxChars;
    private final AutoDetectParser parser = new AutoDetectParser();

    public TextExtractor() {
        this(MAX_BYTES_DEFAULT, MAX_CHARS_DEFAULT);
    }

    /**
     * @param maxBytes larger files are refused with {@link DocumentTooLargeException}
     * @param maxChars text beyond this many characters is cut (flagged {@code truncated})
     */
    public TextExtractor(long maxBytes, int maxChars) {
        if (maxBytes <= 0 || maxChars <= 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxBytes + ", " + maxChars);
        }
        this.maxBytes = maxBytes;
        this.maxChars = maxChars;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Extracts the text of a file.
     *
     * @throws DocumentTooLargeException if the file is over the size limit
     * @throws IOException if the file cannot be read at all (missing, no permission)
     */
    public ExtractedText extract(Path file) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new DocumentTooLargeException(maxBytes, file.getFileName() + " has " + size + " bytes");
        }
        var metadata = new Metadata();
        try (var in = TikaInputStream.get(file, metadata)) {
            // TikaInputStream records the file name, which detection would trust; sniff the bytes only.
            metadata.remove(TikaCoreProperties.RESOURCE_NAME_KEY);
            return parse(in, metadata);
        }
    }

    /**
     * Extracts the text of a stream (an upload); the caller closes it. The bytes are spooled to a
     * temporary file, counting, so an oversized upload is refused without being held in memory.
     */
    public ExtractedText extract(InputStream in) throws IOException {
        Path tmp = Files.createTempFile("extract-", ".bin");
        try {
            try (var out = Files.newOutputStream(tmp)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    total += n;
                    if (total > maxBytes) {
                        throw new DocumentTooLargeException(maxBytes, "the stream went past it");
                    }
                    out.write(buffer, 0, n);
                }
            }
            return extract(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private ExtractedText parse(TikaInputStream in, Metadata metadata) throws IOException {
        var handler = new BodyContentHandler(maxChars);
        var context = new ParseContext();
        context.set(Parser.class, parser); // also read attachments (an e-mail's PDF invoice)
        boolean encrypted = false;
        boolean corrupt = false;
        boolean truncated = false;
        String problem = "";
        try {
            parser.parse(in, handler, metadata, context);
        } catch (Exception e) {
            if (WriteLimitReachedException.isWriteLimitReached(e)) {
                truncated = true;
                problem = "text cut at " + maxChars + " characters";
            } else if (isEncrypted(e)) {
                encrypted = true;
                problem = "encrypted: " + message(e);
            } else if (e instanceof ZeroByteFileException) {
                problem = "empty file";
            } else {
                // The file was opened already, so a failure now is about its content.
                corrupt = true;
                problem = "cannot be parsed: " + message(e);
            }
        }
        String mediaType = mediaType(metadata);
        return new ExtractedText(
                mediaType,
                encrypted ? "" : handler.toString().strip(),
                firstNonBlank(metadata.get(TikaCoreProperties.TITLE), metadata.get(TikaCoreProperties.SUBJECT)),
                flatten(metadata),
                encrypted,
                corrupt,
                truncated,
                problem);
    }

    private static boolean isEncrypted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EncryptedDocumentException
                    || t instanceof org.apache.poi.EncryptedDocumentException
                    || t.getClass().getName().endsWith("InvalidPasswordException")) {
                return true;
            }
        }
        return false;
    }

    private static String mediaType(Metadata metadata) {
        String type = metadata.get(Metadata.CONTENT_TYPE);
        return type == null
                ? MediaType.OCTET_STREAM.toString()
                : MediaType.parse(type).getBaseType().toString();
    }

    private static Map<String, String> flatten(Metadata metadata) {
        Map<String, String> map = new TreeMap<>();
        for (String name : metadata.names()) {
            String value = metadata.get(name);
            if (value != null && !value.isBlank()) {
                map.put(name, value.length() > METADATA_VALUE_CHARS ? value.substring(0, METADATA_VALUE_CHARS) : value);
            }
        }
        return map;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return "";
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return text.length() > 300 ? text.substring(0, 300) : text;
    }
}
