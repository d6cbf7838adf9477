package customs.risk.documents.extract;

import java.util.Map;

/**
 * What {@link TextExtractor} could read from a file. A file that cannot be read is still
 * described here (flagged, with the reason), never dropped: the caller stores and links it anyway.
 *
 * @param mediaType type sniffed from the bytes, e.g. {@code application/pdf}
 * @param text the text, empty for images and for encrypted files; partial if truncated or corrupt
 * @param title title or mail subject from the file's own metadata, empty if none
 * @param metadata the file's metadata (first value per key), e.g. page count, image size, author
 * @param encrypted password-protected: the text cannot be read without the password
 * @param corrupt the parser failed on the content: the file is damaged or not what it claims
 * @param truncated the text was longer than the extractor's character limit and was cut there
 * @param problem why the text is missing or partial, in words; empty when all went well
 */
public record ExtractedText(
        String mediaType,
        String text,
        String title,
        Map<String, String> metadata,
        boolean encrypted,
        boolean corrupt,
        boolean truncated,
        String problem) {

    public ExtractedText {
        metadata = Map.copyOf(metadata);
    }

    /** True for pictures (scans, photos): described by metadata only, there is no OCR. */
    public boolean isImage() {
        return mediaType.startsWith("image/");
    }
}
