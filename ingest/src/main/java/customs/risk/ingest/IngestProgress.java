package customs.risk.ingest;

/**
 * How far a load has come.
 *
 * @param file the file being read
 * @param rowsRead rows read so far in all files
 * @param bytesRead bytes read so far in all files
 * @param totalBytes bytes of all files of the bundle
 */
public record IngestProgress(String file, long rowsRead, long bytesRead, long totalBytes) {

    /** Share of the bundle read, 0 to 1. */
    public double fraction() {
        return totalBytes == 0 ? 1.0 : Math.min(1.0, (double) bytesRead / totalBytes);
    }
}
