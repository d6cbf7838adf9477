package customs.risk.app.resolution;

import customs.risk.engine.resolution.ResolutionService;
import customs.risk.ingest.DataLoaded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Companies that a bundle brings (or changes) are resolved against everything there is as soon as
 * they are loaded, before the new declarations are scored: those then count for their party.
 * Failing leaves the rows saved; {@code ./risk resolve} catches up.
 */
@Component
class ResolveLoadedCompanies {

    private static final Logger log = LoggerFactory.getLogger(ResolveLoadedCompanies.class);
    private final ResolutionService resolution;

    ResolveLoadedCompanies(ResolutionService resolution) {
        this.resolution = resolution;
    }

    @EventListener
    @Order(0)
    void resolve(DataLoaded loaded) {
        if (loaded.source() != DataLoaded.Source.BUNDLE) {
            return;
        }
        String outcome;
        try {
            var s = resolution.resolveChanged();
            outcome = s.candidates() == 0
                    ? "no new company records to resolve"
                    : String.format(
                            "%s, %,d records changed party (%.1f s)",
                            s.partiesLine(), s.changed(), s.took().toMillis() / 1000.0);
        } catch (RuntimeException e) {
            log.error("resolving new company records failed", e);
            outcome = "not resolved: " + e.getMessage() + "; run ./risk resolve";
        }
        loaded.report("resolution", outcome);
    }
}
