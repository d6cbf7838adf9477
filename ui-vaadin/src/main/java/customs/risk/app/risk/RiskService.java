package customs.risk.app.risk;

import customs.risk.engine.projection.GraphProjection;
import customs.risk.engine.ranking.RankingFilter;
import customs.risk.engine.ranking.RiskAssessment;
import customs.risk.engine.ranking.RiskScorer;
import customs.risk.engine.ranking.RiskSettings;
import customs.risk.engine.ranking.RiskStore;
import customs.risk.engine.ranking.ScoredItem;
import java.util.List;
import org.neo4j.driver.Driver;
import org.springframework.stereotype.Service;

/** Scoring and rankings for the command line, the REST API and the views: a thin wrapper of the engine. */
@Service
public class RiskService {

    private final Driver driver;
    private final RiskStore store;

    RiskService(Driver driver) {
        this.driver = driver;
        this.store = new RiskStore(driver);
    }

    /** Rescores everything from the graph and stores the scores there. */
    public RiskAssessment rescore() {
        var assessment = new RiskScorer(RiskSettings.DEFAULTS).score(GraphProjection.load(driver));
        store.save(assessment);
        return assessment;
    }

    public List<ScoredItem> top(RiskStore.Kind kind, int top) {
        return store.top(kind, top);
    }

    public List<ScoredItem> page(RiskStore.Kind kind, RankingFilter filter, int offset, int limit) {
        return store.page(kind, filter, offset, limit);
    }
}
