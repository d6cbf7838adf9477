package customs.risk.engine.ranking;

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
 * @param stages how long each stage took, in order (loops, clusters, price model, risk spreading, combining signals, supervised fit, scoring)
 */
public record RiskAssessment(
        String model,
        List<ScoredItem> declarations,
        List<ScoredItem> entities,
        Map<String, PartyContext> parties,
        Map<String, Duration> stages) {}
