package customs.risk.ingest;

/** Receives progress while a bundle loads (a progress bar, a job status). Called from the loading thread. */
@FunctionalInterface
public interface IngestListener {

    IngestListener NONE = progress -> {};

    void onProgress(IngestProgress progress);
}
