package customs.risk.engine.ranking;

import customs.risk.engine.learning.LearnedScore;
import java.util.HashMap;
import java.util.Map;

/**
 * The learned declaration score and, per declaration it learnt from, the probability that trees
 * which never saw its outcome gave it (cross-fitting): an inspected declaration keeps that score,
 * so its score says what the model would have said before the inspection.
 */
public record DeclarationModel(LearnedScore.Model model, Map<String, Double> heldOut) {

    /** The model as its file keeps it. */
    public record Saved(LearnedScore.Model.Saved model, Map<String, Double> heldOut) {}

    Saved saved() {
        return new Saved(model.saved(), heldOut);
    }

    static DeclarationModel restore(Saved saved) {
        return new DeclarationModel(LearnedScore.Model.restore(saved.model()), new HashMap<>(saved.heldOut()));
    }
}
