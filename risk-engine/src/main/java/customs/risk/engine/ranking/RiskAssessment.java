package customs.risk.engine.ranking;

import customs.risk.engine.network.ShellCluster;
import customs.risk.engine.network.TradeLoop;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a scoring run.
 *
 * @param model the version of the scoring that produced it, stored with every score
 * @param declarations every declaration, riskiest first
 * @param entities every company, riskiest first
 * @param parties per company id, what its network says apart from inspections (for declarations filed later)
 * @param loops the trade loops found, the evidence behind loop reasons
 * @param clusters the shell clusters found, the evidence behind cluster reasons
 * @param stages how long each stage took, in order (loops, clusters, price model, risk spreading, combining signals, supervised fit, scoring)
 */
public record RiskAssessment(
        String model,
        List<ScoredItem> declarations,
        List<ScoredItem> entities,
        Map<String, PartyContext> parties,
        List<TradeLoop> loops,
        List<ShellCluster> clusters,
        Map<String, Duration> stages) {

    /** The same outcome with other stage timings. */
    public RiskAssessment withStages(Map<String, Duration> stages) {
        return new RiskAssessment(model, declarations, entities, parties, loops, clusters, stages);
    }
}
