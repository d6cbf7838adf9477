package customs.risk.cases.alerts;

import customs.risk.ingest.jobs.IngestJob;
import customs.risk.ingest.jobs.IngestJobs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.awaitility.Awaitility;

/** Small hand-written bundles, loaded as an officer's upload is: through a bundle job and all that follows it. */
final class AlertBundles {

    static final String COMPANIES = "company_id,name,country,registration_number,address,phone\n";
    static final String DECLARATIONS =
            "declaration_id,filed_on,direction,office_code,seller_id,buyer_id,hs_code,origin_country,quantity,declared_value\n";
    static final String OFFICES = "office_code,name,country\nKRPUS,Busan,KR\nKRICN,Incheon,KR\n";

    private AlertBundles() {}

    /** A declaration row: filed at Busan, 10 units for USD 1,000. */
    static String declaration(String id, String seller, String buyer, String hs, String origin) {
        return String.join(",", id, "2026-11-02", "IMPORT", "KRPUS", seller, buyer, hs, origin, "10", "1000") + "\n";
    }

    /** Loads the files (name to content) as one zipped bundle and waits until its job has finished. */
    static IngestJob load(IngestJobs jobs, Map<String, String> files) {
        try {
            var zip = new ByteArrayOutputStream();
            var all = new java.util.LinkedHashMap<>(files);
            // A bundle has a declarations file, even one without rows.
            all.putIfAbsent("declarations.csv", DECLARATIONS);
            try (var out = new ZipOutputStream(zip)) {
                for (var file : all.entrySet()) {
                    out.putNextEntry(new ZipEntry(file.getKey()));
                    out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
            var job = jobs.submit(new ByteArrayInputStream(zip.toByteArray()));
            Awaitility.await("bundle job " + job.id())
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        var status = jobs.find(job.id()).orElseThrow().status();
                        return status == IngestJob.Status.SUCCEEDED || status == IngestJob.Status.FAILED;
                    });
            var done = jobs.find(job.id()).orElseThrow();
            if (done.status() != IngestJob.Status.SUCCEEDED) {
                throw new IllegalStateException("bundle job failed: " + done.error());
            }
            return done;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
