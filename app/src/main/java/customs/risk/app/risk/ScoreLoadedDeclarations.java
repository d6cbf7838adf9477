package customs.risk.app.risk;

import customs.risk.engine.RiskService;
import customs.risk.ingest.DataLoaded;
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
        loaded.report("scoring", loaded.source() == DataLoaded.Source.FORM ? scoreEntered() : scoreBundle());
    }

    private String scoreBundle() {
        try {
            return risk.scoreNew()
                    .map(s -> String.format(
                            "scored %d new declarations with model %s in %.1f s",
                            s.declarations(), s.model(), s.took().toMillis() / 1000.0))
                    .orElse("not scored: no model trained yet");
        } catch (java.io.UncheckedIOException e) {
            // The kept model cannot be read (e.g. saved in an older format): the message says what to do.
            log.warn("scoring the declarations of a bundle: {}", e.getMessage());
            return "not scored: " + e.getMessage();
        } catch (RuntimeException e) {
            log.error("scoring the declarations of a bundle failed", e);
            return "not scored: " + e.getMessage();
        }
    }

    private String scoreEntered() {
        try {
            return risk.scoreNew()
                    .map(s -> "scored with model " + s.model())
                    .orElse("not scored yet: no model trained (./risk train); it will be scored by the next run");
        } catch (java.io.UncheckedIOException e) {
            log.warn("scoring a declaration entered in the form: {}", e.getMessage());
            return "not scored: " + e.getMessage() + "; it will be scored by the next run";
        } catch (RuntimeException e) {
            log.error("scoring a declaration entered in the form failed", e);
            return "not scored: " + e.getMessage() + "; it will be scored by the next run";
        }
    }
}
