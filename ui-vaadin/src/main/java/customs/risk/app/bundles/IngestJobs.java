package customs.risk.app.bundles;

import customs.risk.graph.DataDirectory;
import customs.risk.graph.files.Folders;
import customs.risk.ingest.BundleException;
import customs.risk.ingest.BundleIngester;
import customs.risk.app.documents.DocumentService;
import customs.risk.app.risk.RiskService;
import customs.risk.app.store.RiskProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Runs uploaded bundles one at a time in the background (one writer keeps loads from competing for
 * the same nodes) and keeps their status for polling. Reports stay in the data dir.
 */
@Service
public class IngestJobs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IngestJobs.class);

    private final BundleIngester ingester;
    private final RiskService risk;
    private final DocumentService documents;
    private final DataDirectory dataDirectory;
    private final long maxUnzippedBytes;
    private final Map<String, IngestJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "bundle-jobs"));

    IngestJobs(BundleIngester ingester, RiskService risk, DocumentService documents, DataDirectory dataDirectory,
            RiskProperties properties) {
        this.ingester = ingester;
        this.risk = risk;
        this.documents = documents;
        this.dataDirectory = dataDirectory;
        this.maxUnzippedBytes = properties.ingest().maxUnzippedSize().toBytes();
    }

    /** Saves the zip and queues its load; returns the job at once. */
    public IngestJob submit(InputStream zip) throws IOException {
        String id = UUID.randomUUID().toString();
        Path upload = dataDirectory.uploads().resolve(id + ".zip");
        try {
            Files.copy(zip, upload);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(upload);
            throw e;
        }
        var job = new IngestJob(id, IngestJob.Status.QUEUED, null, null, null, Instant.now(), null, null);
        jobs.put(id, job);
        worker.submit(() -> run(id, upload));
        return job;
    }

    public Optional<IngestJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** The report of a job, also for jobs from before a restart (the file outlives the status). */
    public Optional<Path> report(String id) {
        if (!id.matches("[0-9a-f-]{36}")) {
            return Optional.empty();
        }
        Path report = reportPath(id);
        return Files.isRegularFile(report) ? Optional.of(report) : Optional.empty();
    }

    private Path reportPath(String id) {
        return dataDirectory.reports().resolve(id + ".csv");
    }

    private void run(String id, Path upload) {
        jobs.computeIfPresent(id, (k, j) -> j.with(IngestJob.Status.RUNNING));
        Path unpacked = dataDirectory.uploads().resolve(id);
        try {
            Path bundle = ZipBundles.unpack(upload, unpacked, maxUnzippedBytes);
            var result = ingester.ingest(bundle, reportPath(id),
                    progress -> jobs.computeIfPresent(id, (k, j) -> j.with(progress)));
            String scoring = scoreNew(id);
            String indexing = indexNew(id);
            jobs.computeIfPresent(id, (k, j) -> j.succeeded(result, scoring, indexing));
        } catch (BundleException e) {
            jobs.computeIfPresent(id, (k, j) -> j.failed(e.getMessage()));
        } catch (RuntimeException e) {
            log.error("bundle job {} failed", id, e);
            jobs.computeIfPresent(id, (k, j) -> j.failed(e.getMessage()));
        } finally {
            deleteQuietly(unpacked);
            deleteQuietly(upload);
        }
    }

    /** Scores the new declarations with the current model; a failure here leaves the loaded data in place. */
    private String scoreNew(String id) {
        try {
            return risk.scoreNew().map(s -> String.format("scored %d new declarations with model %s in %.1f s",
                    s.declarations(), s.model(), s.took().toMillis() / 1000.0))
                    .orElse("not scored: no model trained yet");
        } catch (RuntimeException e) {
            log.error("scoring the declarations of bundle job {} failed", id, e);
            return "not scored: " + e.getMessage();
        }
    }

    /** Indexes the new documents; a failure here leaves them stored and linked, to be reindexed. */
    private String indexNew(String id) {
        try {
            var indexed = documents.indexNew();
            return indexed.queued() == 0 ? String.format("indexed %d new documents", indexed.documents())
                    : String.format("%d new documents; %d wait for the search engine", indexed.documents(),
                            indexed.queued());
        } catch (RuntimeException e) {
            log.error("indexing the documents of bundle job {} failed", id, e);
            return "not indexed: " + e.getMessage() + " (run ./risk reindex)";
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Folders.deleteRecursively(path);
        } catch (UncheckedIOException e) {
            log.warn("{}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
