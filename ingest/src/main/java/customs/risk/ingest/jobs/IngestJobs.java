package customs.risk.ingest.jobs;

import customs.risk.graph.DataDirectory;
import customs.risk.graph.files.Folders;
import customs.risk.ingest.BundleException;
import customs.risk.ingest.BundleIngester;
import customs.risk.ingest.DataLoaded;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs uploaded bundles one at a time in the background (one writer keeps loads from competing for
 * the same nodes) and keeps their status for polling. Reports stay in the data dir, and so does each
 * job's status as of its last change, so that a load cut short by a crash or a restart is marked
 * FAILED at the next start instead of vanishing.
 */
public class IngestJobs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IngestJobs.class);

    private final BundleIngester ingester;
    private final ApplicationEventPublisher events;
    private final DataDirectory dataDirectory;
    private final long maxUnzippedBytes;
    private final Map<String, IngestJob> jobs = new ConcurrentHashMap<>();
    private static final String STATUS_SUFFIX = ".job.json";
    private static final String INTERRUPTED = "interrupted: the server stopped before this load finished; "
            + "upload the bundle again (rows already loaded stay, and the same bundle loads again without duplicates)";

    private final JsonMapper json = JsonMapper.builder().build();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "bundle-jobs"));

    /** @param maxUnzippedBytes the largest total size a zipped bundle may expand to */
    public IngestJobs(
            BundleIngester ingester,
            ApplicationEventPublisher events,
            DataDirectory dataDirectory,
            long maxUnzippedBytes) {
        this.ingester = ingester;
        this.events = events;
        this.dataDirectory = dataDirectory;
        this.maxUnzippedBytes = maxUnzippedBytes;
        failInterrupted();
    }

    /**
     * At start nothing runs yet: a job whose last status is QUEUED or RUNNING was cut short. It is
     * marked FAILED with the reason, and every upload left behind is removed.
     */
    private void failInterrupted() {
        try (var statuses = Files.newDirectoryStream(dataDirectory.reports(), "*" + STATUS_SUFFIX)) {
            for (Path file : statuses) {
                var status = new LinkedHashMap<String, Object>(json.readValue(file.toFile(), Map.class));
                if (!"SUCCEEDED".equals(status.get("status")) && !"FAILED".equals(status.get("status"))) {
                    status.put("status", IngestJob.Status.FAILED.name());
                    status.put("error", INTERRUPTED);
                    Files.writeString(file, json.writeValueAsString(status));
                    log.warn(
                            "bundle job {} was interrupted by a stop of the server; marked FAILED",
                            status.get("jobId"));
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read the status of earlier bundle jobs: {}", e.getMessage());
        }
        try (var left = Files.list(dataDirectory.uploads())) {
            left.forEach(IngestJobs::deleteQuietly);
        } catch (IOException e) {
            log.warn("cannot clear {}: {}", dataDirectory.uploads(), e.getMessage());
        }
    }

    /** The job as its status page shows it; a report link only once there is a report to read. */
    public static Map<String, Object> describe(IngestJob job, Optional<Path> report) {
        var body = new LinkedHashMap<String, Object>();
        body.put("jobId", job.id());
        body.put("status", job.status());
        body.put("submitted", job.submitted().toString());
        body.put("statusUrl", "/api/bundles/" + job.id());
        if (job.progress() != null) {
            body.put("progress", job.progress().fraction());
            body.put("rowsRead", job.progress().rowsRead());
            body.put("currentFile", job.progress().file());
        }
        if (job.result() != null) {
            var r = job.result();
            body.put("progress", 1.0);
            body.put("loaded", r.loaded());
            body.put("rejected", r.rejected());
            body.put("placeholders", r.placeholders());
            body.put("warnings", r.warnings());
            body.put("files", r.files());
            body.put("seconds", r.took().toMillis() / 1000.0);
        }
        if (job.resolution() != null) {
            body.put("resolution", job.resolution());
        }
        if (job.scoring() != null) {
            body.put("scoring", job.scoring());
        }
        if (job.indexing() != null) {
            body.put("documents", job.indexing());
        }
        if (job.alerts() != null) {
            body.put("alerts", job.alerts());
        }
        if (job.error() != null) {
            body.put("error", job.error());
        }
        if (report.isPresent()) {
            body.put("reportUrl", "/api/bundles/" + job.id() + "/report");
        }
        return body;
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
        var job = new IngestJob(id, IngestJob.Status.QUEUED, null, null, null, Instant.now(), null, null, null, null);
        jobs.put(id, job);
        record(job);
        worker.submit(() -> run(id, upload));
        return job;
    }

    public Optional<IngestJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** The status page of a job, also of one from before a restart. */
    public Optional<Map<String, Object>> status(String id) {
        var live = jobs.get(id);
        if (live != null) {
            return Optional.of(describe(live, report(id)));
        }
        Path file = statusPath(id);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), Map.class));
        } catch (RuntimeException e) {
            log.warn("cannot read the status of bundle job {}: {}", id, e.getMessage());
            return Optional.empty();
        }
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

    private Path statusPath(String id) {
        if (!id.matches("[0-9a-f-]{36}")) {
            return dataDirectory.reports().resolve("none" + STATUS_SUFFIX);
        }
        return dataDirectory.reports().resolve(id + STATUS_SUFFIX);
    }

    /** Keeps the job's status as it now stands on disk, for polling after a restart. */
    private void record(IngestJob job) {
        try {
            Files.writeString(statusPath(job.id()), json.writeValueAsString(describe(job, report(job.id()))));
        } catch (IOException | RuntimeException e) {
            log.warn("cannot keep the status of bundle job {}: {}", job.id(), e.getMessage());
        }
    }

    private void change(String id, java.util.function.UnaryOperator<IngestJob> change) {
        var changed = jobs.computeIfPresent(id, (k, j) -> change.apply(j));
        if (changed != null) {
            record(changed);
        }
    }

    private void run(String id, Path upload) {
        change(id, j -> j.with(IngestJob.Status.RUNNING));
        Path unpacked = dataDirectory.uploads().resolve(id);
        try {
            Path bundle = ZipBundles.unpack(upload, unpacked, maxUnzippedBytes);
            var result = ingester.ingest(
                    bundle, reportPath(id), progress -> jobs.computeIfPresent(id, (k, j) -> j.with(progress)));
            var loaded = new DataLoaded(DataLoaded.Source.BUNDLE);
            events.publishEvent(loaded);
            String resolution = loaded.outcome("resolution").orElse(null);
            String scoring = loaded.outcome("scoring").orElse("not scored: nothing scores new declarations here");
            String indexing = loaded.outcome("indexing").orElse("not indexed: nothing indexes documents here");
            String alerts = loaded.outcome("alerts").orElse(null);
            change(id, j -> j.succeeded(result, resolution, scoring, indexing, alerts));
        } catch (BundleException e) {
            change(id, j -> j.failed(e.getMessage()));
        } catch (OutOfMemoryError e) {
            // The load's own data is unreachable now: the heap is back for the next request.
            log.error("bundle job {} ran out of memory", id, e);
            change(
                    id,
                    j -> j.failed("ran out of memory while loading (" + e.getMessage() + "); split the bundle"
                            + " or give the server more heap"));
        } catch (RuntimeException e) {
            log.error("bundle job {} failed", id, e);
            change(id, j -> j.failed(e.getMessage()));
        } catch (Error e) {
            log.error("bundle job {} failed", id, e);
            change(id, j -> j.failed("stopped by " + e.getClass().getSimpleName() + ": " + e.getMessage()));
        } finally {
            deleteQuietly(unpacked);
            deleteQuietly(upload);
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
