package customs.risk.app.documents;

import customs.risk.documents.filing.DocumentService;
import customs.risk.graph.access.Actor;
import customs.risk.ingest.entry.PhotoIntake;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Inspectors' photos go through the document intake like any filed document (file store, text
 * extraction, graph links, search index), as {@code PHOTO} documents supporting the inspected
 * declaration, so they are found with the declaration's documents.
 */
@Component
class InspectionPhotos implements PhotoIntake {

    private final DocumentService documents;

    InspectionPhotos(DocumentService documents) {
        this.documents = documents;
    }

    @Override
    public String file(Actor inspector, String declarationId, Photo photo) throws IOException {
        var filing = DocumentService.Filing.of(
                photo.fileName(), "PHOTO", documentId(declarationId, photo.content()), declarationId, null, null);
        try {
            return documents
                    .file(inspector, new ByteArrayInputStream(photo.content()), filing)
                    .documentId();
        } catch (DocumentService.UnknownReferenceException | DocumentService.DocumentConflictException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * One id per photo and declaration: the same photo sent again is a repeat (nothing changes), and
     * the same picture of two declarations is filed for each.
     */
    private static String documentId(String declarationId, byte[] content) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(content);
            digest.update((byte) 0);
            digest.update(declarationId.getBytes(StandardCharsets.UTF_8));
            return "PHOTO-" + HexFormat.of().formatHex(digest.digest()).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
