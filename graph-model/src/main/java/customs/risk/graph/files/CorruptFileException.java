package customs.risk.graph.files;

import java.io.IOException;

/** Stored bytes no longer match their SHA-256 name (disk corruption or tampering). */
public class CorruptFileException extends IOException {

    public CorruptFileException(String message) {
        super(message);
    }
}
