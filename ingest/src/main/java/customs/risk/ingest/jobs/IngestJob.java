package customs.risk.ingest.jobs;

import customs.risk.ingest.IngestProgress;
import customs.risk.ingest.IngestResult;
import java.time.Instant;

/**
 * A bundle load started over REST or the web upload, as its status page shows it.
 *
 * @param id job id
 * @param status where it stands
 * @param progress latest progress, null before the first row
 * @param result the outcome once succeeded
 * @param error what went wrong once failed
 * @param submitted when it was accepted
 * @param resolution what became of resolving the new company records into parties, once succeeded
 * @param scoring what became of scoring the new declarations, once succeeded
 * @param indexing what became of indexing the new documents, once succeeded
 * @param alerts what the alerts found in what the bundle brought, once succeeded
 */
public record IngestJob(
        String id,
        Status status,
        IngestProgress progress,
        IngestResult result,
        String error,
        Instant submitted,
        String resolution,
        String scoring,
        String indexing,
        String alerts) {

    public enum Status {
        QUEUED,
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    IngestJob with(Status newStatus) {
        return new IngestJob(id, newStatus, progress, result, error, submitted, resolution, scoring, indexing, alerts);
    }

    IngestJob with(IngestProgress newProgress) {
        return new IngestJob(id, status, newProgress, result, error, submitted, resolution, scoring, indexing, alerts);
    }

    IngestJob succeeded(
            IngestResult outcome,
            String resolutionOutcome,
            String scoringOutcome,
            String indexingOutcome,
            String alertsOutcome) {
        return new IngestJob(
                id,
                Status.SUCCEEDED,
                progress,
                outcome,
                null,
                submitted,
                resolutionOutcome,
                scoringOutcome,
                indexingOutcome,
                alertsOutcome);
    }

    IngestJob failed(String message) {
        return new IngestJob(
                id, Status.FAILED, progress, result, message, submitted, resolution, scoring, indexing, alerts);
    }
}
