package customs.risk.ui.entry;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.shared.Registration;
import customs.risk.ingest.IngestResult;
import customs.risk.ingest.jobs.IngestJob;
import customs.risk.ingest.jobs.IngestJobs;
import customs.risk.ui.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.util.unit.DataSize;

/**
 * Bulk upload of a zipped bundle through {@link IngestJobs}, the same queue as
 * {@code POST /api/bundles}: a progress bar follows the job (the page polls it twice a second
 * while it runs), then the counts and the rejection report to download.
 */
@Route(value = "entry/bundle", layout = MainLayout.class)
@PageTitle("Upload a bundle | Customs risk engine")
@RolesAllowed({"ADMIN", "RISK_OFFICER"})
public class BundleUploadView extends VerticalLayout {

    private static final Logger log = LoggerFactory.getLogger(BundleUploadView.class);
    static final int POLL_MILLIS = 500;

    private final IngestJobs jobs;
    private final Upload upload = new Upload();
    private final ProgressBar progress = new ProgressBar(0, 1);
    private final Span status = new Span();
    private final Span error = new Span();
    private final Div outcome = new Div();
    private String jobId;
    private Registration polling;

    public BundleUploadView(IngestJobs jobs, @Value("${spring.servlet.multipart.max-file-size:1GB}") DataSize max) {
        this.jobs = jobs;
        setId("bundle-entry");
        upload.setId("bundle-upload");
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes(".zip", "application/zip");
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, max.toBytes()));
        upload.setUploadHandler(UploadHandler.toTempFile((metadata, file) -> {
            try (var in = Files.newInputStream(file.toPath())) {
                start(jobs.submit(in));
            } catch (IOException | RuntimeException e) {
                log.warn("cannot queue the uploaded bundle {}: {}", metadata.fileName(), e.getMessage());
                error.setText("The upload could not be queued: " + e.getMessage());
            } finally {
                Files.deleteIfExists(file.toPath());
            }
        }));
        upload.addFileRejectedListener(e -> error.setText("Not accepted: " + e.getErrorMessage()));
        progress.setId("bundle-progress");
        progress.setVisible(false);
        status.setId("bundle-status");
        error.setId("bundle-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        outcome.setId("bundle-outcome");
        add(
                new H2("Upload a bundle"),
                new Paragraph("A zip of a bundle folder: declarations.csv and any other files "
                        + "of the data contract. Rows that break a rule are left out and listed in the report; the rest loads, "
                        + "and new declarations are scored with the current model."),
                upload,
                progress,
                status,
                error,
                outcome);
    }

    /** Called with the UI locked (the upload handler runs its callback through ui.access). */
    private void start(IngestJob job) {
        jobId = job.id();
        error.setText("");
        outcome.removeAll();
        progress.setVisible(true);
        progress.setIndeterminate(true);
        status.setText("Queued");
        startPolling(UI.getCurrent());
    }

    private void startPolling(UI ui) {
        stopPolling(ui);
        ui.setPollInterval(POLL_MILLIS);
        polling = ui.addPollListener(e -> refresh());
    }

    private void stopPolling(UI ui) {
        if (polling != null) {
            polling.remove();
            polling = null;
            ui.setPollInterval(-1);
        }
    }

    private void refresh() {
        var job = jobs.find(jobId);
        if (job.isEmpty()) {
            status.setText("The job is no longer known (the server restarted?)");
            stopPolling(UI.getCurrent());
            return;
        }
        show(job.get());
    }

    private void show(IngestJob job) {
        switch (job.status()) {
            case QUEUED -> status.setText("Queued behind other uploads");
            case RUNNING -> {
                if (job.progress() != null) {
                    progress.setIndeterminate(false);
                    progress.setValue(job.progress().fraction());
                    status.setText(String.format(
                            "Loading %s: %,d rows read (%.0f %%)",
                            job.progress().file(),
                            job.progress().rowsRead(),
                            job.progress().fraction() * 100));
                } else {
                    status.setText("Checking the bundle");
                }
            }
            case SUCCEEDED -> {
                progress.setIndeterminate(false);
                progress.setValue(1);
                status.setText("Loaded in "
                        + String.format("%.1f s", job.result().took().toMillis() / 1000.0));
                counts(job.result());
                if (job.resolution() != null) {
                    outcome.add(line("bundle-resolution", "Companies: " + job.resolution()));
                }
                if (job.scoring() != null) {
                    outcome.add(line("bundle-scoring", "Risk: " + job.scoring()));
                }
                if (job.indexing() != null) {
                    outcome.add(line("bundle-documents", "Documents: " + job.indexing()));
                }
                report(job);
                stopPolling(UI.getCurrent());
            }
            case FAILED -> {
                progress.setVisible(false);
                status.setText("Failed: nothing was loaded");
                error.setText(job.error());
                report(job);
                stopPolling(UI.getCurrent());
            }
        }
    }

    private void counts(IngestResult result) {
        outcome.add(line("bundle-loaded", String.format("Rows loaded: %,d", result.loaded())));
        outcome.add(line("bundle-rejected", String.format("Rows rejected: %,d", result.rejected())));
        outcome.add(line(
                "bundle-placeholders",
                String.format("Placeholders for unknown references: %,d", result.placeholders())));
        outcome.add(line("bundle-warnings", String.format("Warnings: %,d", result.warnings())));
        result.files()
                .forEach((file, summary) -> outcome.add(line(
                        "bundle-file-" + file.replace(".csv", ""),
                        String.format("%s: %,d loaded, %,d rejected", file, summary.loaded(), summary.rejected()))));
    }

    private void report(IngestJob job) {
        if (jobs.report(job.id()).isEmpty()) {
            return;
        }
        String id = job.id();
        var link = new Anchor(
                DownloadHandler.fromInputStream(event -> {
                    var report = jobs.report(id);
                    if (report.isEmpty()) {
                        return DownloadResponse.error(404, "no report for job " + id);
                    }
                    try {
                        return new DownloadResponse(
                                Files.newInputStream(report.get()),
                                "ingest-report-" + id + ".csv",
                                "text/csv",
                                Files.size(report.get()));
                    } catch (IOException e) {
                        log.warn("cannot read the report of job {}: {}", id, e.getMessage());
                        return DownloadResponse.error(500, "cannot read the report");
                    }
                }),
                AttachmentType.DOWNLOAD,
                "Download the report (rejected rows, placeholders, warnings)");
        link.setId("bundle-report");
        outcome.add(new Div(link));
    }

    private static Paragraph line(String id, String text) {
        var line = new Paragraph(text);
        line.setId(id);
        line.getStyle().set("margin", "var(--lumo-space-xs) 0");
        return line;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        // Back on the page while a job still runs (e.g. after a reload of the view): follow it again.
        if (jobId != null && polling == null) {
            startPolling(event.getUI());
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        stopPolling(event.getUI());
    }
}
