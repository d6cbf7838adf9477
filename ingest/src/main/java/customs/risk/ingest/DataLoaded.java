package customs.risk.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Published, and handled at once on the same thread, after new rows are saved by a bundle job or a
 * form. What follows in other parts of the system (scoring the new declarations, indexing the new
 * documents) listens to it and reports one line each, which the job or the form shows.
 */
public final class DataLoaded {

    /** Where the rows came from: a bundle may bring documents, a form row does not. */
    public enum Source {
        BUNDLE,
        FORM
    }

    /** What a step reports, under a name the job keeps it by ({@code scoring}, {@code indexing}). */
    public record StepOutcome(String step, String outcome) {}

    private final Source source;
    private final List<StepOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());

    public DataLoaded(Source source) {
        this.source = source;
    }

    public Source source() {
        return source;
    }

    public void report(String step, String outcome) {
        outcomes.add(new StepOutcome(step, outcome));
    }

    /** The outcome a step reported, if it ran. */
    public Optional<String> outcome(String step) {
        synchronized (outcomes) {
            return outcomes.stream()
                    .filter(o -> o.step().equals(step))
                    .map(StepOutcome::outcome)
                    .findFirst();
        }
    }
}
