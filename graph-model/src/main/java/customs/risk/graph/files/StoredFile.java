package customs.risk.graph.files;

/**
 * The address of stored bytes.
 *
 * @param sha256 lower-case hex SHA-256 of the content
 * @param size number of bytes
 */
public record StoredFile(String sha256, long size) {}
