package customs.risk.app.alerts;

import customs.risk.cases.alerts.AlertService;
import customs.risk.engine.RiskService;
import customs.risk.ingest.DataLoaded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Alerts are looked for once what a load brings is resolved, scored and indexed, and after every
 * full scoring (training, rescoring, entity resolution). A failed sweep loses nothing: the next
 * one looks back to where the last good one got.
 */
@Component
class SweepAfterLoading {

    private static final Logger log = LoggerFactory.getLogger(SweepAfterLoading.class);
    private final AlertService alerts;

    SweepAfterLoading(AlertService alerts, RiskService risk) {
        this.alerts = alerts;
        risk.afterFullScoring(this::sweepQuietly);
    }

    @EventListener
    @Order(3)
    void sweep(DataLoaded loaded) {
        String outcome;
        try {
            var s = alerts.sweep();
            outcome = s.watches() == 0
                    ? "nobody watches anything"
                    : String.format(
                            "%d new alerts for %d watches (%.2f s)",
                            s.alerts(), s.watches(), s.took().toMillis() / 1000.0);
        } catch (RuntimeException e) {
            log.error("looking for alerts failed", e);
            outcome = "not looked for: " + e.getMessage() + "; the next sweep catches up";
        }
        loaded.report("alerts", outcome);
    }

    private void sweepQuietly() {
        try {
            alerts.sweep();
        } catch (RuntimeException e) {
            log.warn("alerts after scoring not looked for, the next sweep catches up: {}", e.toString());
        }
    }
}
