package customs.risk.engine;

import customs.risk.engine.projection.GraphProjection;
import customs.risk.engine.ranking.LaneCut;
import customs.risk.engine.ranking.ModelStore;
import customs.risk.engine.ranking.RankedItem;
import customs.risk.engine.ranking.RankingFilter;
import customs.risk.engine.ranking.RiskAssessment;
import customs.risk.engine.ranking.RiskModel;
import customs.risk.engine.ranking.RiskScorer;
import customs.risk.engine.ranking.RiskSettings;
import customs.risk.engine.ranking.RiskStore;
import customs.risk.engine.ranking.ScoredItem;
import customs.risk.engine.trade.Shipment;
import customs.risk.graph.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Driver;

/**
 * Training, scoring and rankings for the command line, the REST API and the views: a thin wrapper
 * of the engine that keeps trained models under the data dir and the scores in the graph. One
 * scoring task runs at a time.
 */
public class RiskService {

    /**
     * Newly filed declarations scored with the current model.
     *
     * @param declarations how many were scored
     * @param model the model version that scored them
     * @param took wall-clock time, loading and storing included
     */
    public record NewScores(int declarations, String model, Duration took) {}

    private final Driver driver;
    private final RiskStore store;
    private final ModelStore models;
    private final RiskSettings settings;
    private final RiskScorer scorer;
    private RiskModel current;
    private final List<Runnable> afterFullScoring = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param settings lanes and exploration
     * @param declarationAutoencoder whether training fits the autoencoder over the whole declaration
     */
    public RiskService(
            Driver driver, DataDirectory dataDirectory, RiskSettings settings, boolean declarationAutoencoder) {
        this.driver = driver;
        this.store = new RiskStore(driver);
        this.models = new ModelStore(dataDirectory.models());
        this.settings = settings;
        var scorer = new RiskScorer(settings);
        this.scorer = declarationAutoencoder ? scorer : scorer.withoutDeclarationAutoencoder();
    }

    /** Runs {@code listener} after each training and full rescoring, once the scores are stored. */
    public void afterFullScoring(Runnable listener) {
        afterFullScoring.add(listener);
    }

    /** Trains a new model version on everything in the graph, keeps it, and rescores everything with it. */
    public synchronized RiskScorer.Trained train() {
        long started = System.nanoTime();
        var projection = GraphProjection.loadWithStoredDigests(driver);
        var data = projection.data();
        long loaded = System.nanoTime();
        String version = models.nextVersion();
        String scoredAt = Instant.now().toString();
        RiskScorer.Trained trained;
        var writer = store.pageWriter(version, scoredAt, projection.storedDigests());
        try (writer) {
            trained = scorer.train(data, version, writer);
        }
        long fitted = System.nanoTime();
        try {
            models.save(trained.model());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot save model " + trained.model().version(), e);
        }
        current = trained.model();
        long kept = System.nanoTime();
        store.save(trained.assessment(), scoredAt);
        var stages = new LinkedHashMap<String, Duration>();
        stages.put("projection load", Duration.ofNanos(loaded - started));
        stages.putAll(trained.assessment().stages());
        stages.put("model save", Duration.ofNanos(kept - fitted));
        stages.merge("write-back", writer.lastPage().plus(Duration.ofNanos(System.nanoTime() - kept)), Duration::plus);
        afterFullScoring.forEach(Runnable::run);
        return new RiskScorer.Trained(trained.model(), withStages(trained.assessment(), stages));
    }

    /**
     * Rescores everything with the current model; trains the first one when there is none. The
     * declarations are stored page by page as they are scored, so the assessment lists none.
     */
    public synchronized RiskAssessment rescore() {
        var model = currentModel();
        if (model.isEmpty()) {
            return train().assessment();
        }
        long started = System.nanoTime();
        var projection = GraphProjection.loadWithStoredDigests(driver);
        var data = projection.data();
        long loaded = System.nanoTime();
        String version = model.get().version();
        String scoredAt = Instant.now().toString();
        RiskAssessment assessment;
        var writer = store.pageWriter(version, scoredAt, projection.storedDigests());
        try (writer) {
            assessment = scorer.score(data, model.get(), writer);
        }
        long scored = System.nanoTime();
        store.save(assessment, scoredAt);
        var stages = new LinkedHashMap<String, Duration>();
        stages.put("projection load", Duration.ofNanos(loaded - started));
        stages.putAll(assessment.stages());
        stages.merge(
                "write-back", writer.lastPage().plus(Duration.ofNanos(System.nanoTime() - scored)), Duration::plus);
        afterFullScoring.forEach(Runnable::run);
        return withStages(assessment, stages);
    }

    private static RiskAssessment withStages(RiskAssessment assessment, Map<String, Duration> stages) {
        return assessment.withStages(stages);
    }

    /**
     * Scores the declarations that have no score yet (newly ingested) with the current model; empty
     * when no model was trained yet.
     */
    public synchronized Optional<NewScores> scoreNew() {
        long started = System.nanoTime();
        var model = currentModel();
        if (model.isEmpty()) {
            return Optional.empty();
        }
        List<Shipment> fresh = GraphProjection.loadUnscored(driver);
        if (!fresh.isEmpty()) {
            var parties = new HashSet<String>();
            fresh.forEach(s -> {
                parties.add(s.sellerId());
                parties.add(s.buyerId());
            });
            var scored = scorer.scoreNew(fresh, store.parties(parties), model.get(), laneCut());
            store.saveDeclarations(scored, model.get().version(), Instant.now().toString());
        }
        return Optional.of(
                new NewScores(fresh.size(), model.get().version(), Duration.ofNanos(System.nanoTime() - started)));
    }

    /**
     * The scores from which declarations are red and yellow: the thresholds, or under lanes by
     * inspection capacity the scores at those shares of the declarations scored so far.
     */
    public LaneCut laneCut() {
        if (!settings.byCapacity()) {
            return settings.thresholds();
        }
        var kind = RiskStore.Kind.DECLARATIONS;
        return LaneCut.byCapacity(
                store.countScored(kind),
                rank -> store.scoreAtRank(kind, rank),
                settings.redShare(),
                settings.yellowShare());
    }

    /** The newest trained model, read from the data dir once and kept. */
    public synchronized Optional<RiskModel> currentModel() {
        var versions = models.versions();
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        if (current == null || !current.version().equals(versions.getLast())) {
            try {
                current = models.latest().orElseThrow();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        return Optional.of(current);
    }

    /** The stored score of one declaration or company; empty when it does not exist or was never scored. */
    public Optional<ScoredItem> score(RiskStore.Kind kind, String id) {
        return store.find(kind, id);
    }

    public List<ScoredItem> top(RiskStore.Kind kind, int top) {
        return store.top(kind, top);
    }

    public List<ScoredItem> page(RiskStore.Kind kind, RankingFilter filter, int offset, int limit) {
        return store.page(kind, filter, offset, limit);
    }

    public List<ScoredItem> page(
            RiskStore.Kind kind, RankingFilter filter, RiskStore.Order order, int offset, int limit) {
        return store.page(kind, filter, order, offset, limit);
    }

    /** One page of a ranking with the names of the companies in it, for people to read. */
    public List<RankedItem> namedPage(
            RiskStore.Kind kind, RankingFilter filter, RiskStore.Order order, int offset, int limit) {
        return store.namedPage(kind, filter, order, offset, limit);
    }

    /** Scored items per score band (20 bands of 0.05). */
    public long[] histogram(RiskStore.Kind kind) {
        return store.histogram(kind, 20);
    }

    /** Declarations inspected at {@code capacity} and the violations to expect among them. */
    public double[] expectedHits(int capacity) {
        return store.expectedHits(capacity);
    }
}
