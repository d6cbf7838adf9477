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
 * @param declarations every declaration, riskiest first; empty where they were handed on page by page
 *     as they were scored (to the store, in a full scoring)
 * @param declarationLanes how many declarations each lane took
 * @param entities every company, riskiest first
 * @param parties per company id, what its network says apart from inspections (for declarations filed later)
 * @param loops the trade loops found, the evidence behind loop reasons
 * @param clusters the shell clusters found, the evidence behind cluster reasons
 * @param stages how long each stage took, in order (loops, clusters, price model, risk spreading, combining signals, supervised fit, scoring)
 */
public record RiskAssessment(
        String model,
        List<ScoredItem> declarations,
        Map<Lane, Long> declarationLanes,
        List<ScoredItem> entities,
        Map<String, PartyContext> parties,
        List<TradeLoop> loops,
        List<ShellCluster> clusters,
        Map<String, Duration> stages) {

    /** How many declarations were scored. */
    public long declarationCount() {
        return declarationLanes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The same outcome with other stage timings. */
    public RiskAssessment withStages(Map<String, Duration> stages) {
        return new RiskAssessment(model, declarations, declarationLanes, entities, parties, loops, clusters, stages);
    }

    /** The same outcome with these declarations, riskiest first. */
    public RiskAssessment withDeclarations(List<ScoredItem> declarations) {
        return new RiskAssessment(model, declarations, declarationLanes, entities, parties, loops, clusters, stages);
    }
}
