package customs.risk.app.risk;

import customs.risk.engine.RiskService;
import customs.risk.ingest.DataLoaded;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * New declarations are scored with the current model as soon as they are loaded. Scoring failing
 * leaves them saved: the next scoring run picks them up.
 */
@Component
class ScoreLoadedDeclarations {

    private static final Logger log = LoggerFactory.getLogger(ScoreLoadedDeclarations.class);
    private final RiskService risk;

    ScoreLoadedDeclarations(RiskService risk) {
        this.risk = risk;
    }

    @EventListener
    @Order(1)
    void score(DataLoaded loaded) {
        boolean form = loaded.source() == DataLoaded.Source.FORM;
        // A trader's form says what happens to the one declaration; a bundle's report counts them.
        String later = form ? "; it will be scored by the next run" : "";
        String outcome;
        try {
            outcome = risk.scoreNew()
                    .map(s -> form
                            ? "scored with model " + s.model()
                            : String.format(
                                    "scored %d new declarations with model %s in %.1f s",
                                    s.declarations(), s.model(), s.took().toMillis() / 1000.0))
                    .orElse(
                            form
                                    ? "not scored yet: no model trained (./risk train)" + later
                                    : "not scored: no model trained yet");
        } catch (UncheckedIOException e) {
            // The kept model cannot be read (e.g. saved in an older format): the message says what to do.
            log.warn("scoring new declarations: {}", e.getMessage());
            outcome = "not scored: " + e.getMessage() + later;
        } catch (RuntimeException e) {
            log.error("scoring new declarations failed", e);
            outcome = "not scored: " + e.getMessage() + later;
        }
        loaded.report("scoring", outcome);
    }
}
