package customs.risk.ingest.entry;

import customs.risk.graph.access.Actor;
import java.io.IOException;

/**
 * Files an inspector's photo with the documents, as a document of the inspected declaration. The
 * document intake lives outside data collection; the application provides it.
 */
public interface PhotoIntake {

    /** A photo as taken: its file name and bytes. */
    record Photo(String fileName, byte[] content) {}

    /**
     * Files the photo as a {@code PHOTO} document supporting the declaration. The same photo of the
     * same declaration filed again files nothing new.
     *
     * @return the id of the filed document
     * @throws IllegalArgumentException when the photo is refused (too large, unknown declaration),
     *     with the reason
     */
    String file(Actor inspector, String declarationId, Photo photo) throws IOException;
}
