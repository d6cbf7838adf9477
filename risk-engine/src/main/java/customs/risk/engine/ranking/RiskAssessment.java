package customs.risk.engine.ranking;

import java.util.List;

/**
 * The outcome of a scoring run.
 *
 * @param model the version of the scoring that produced it, stored with every score
 * @param declarations every declaration, riskiest first
 * @param entities every company, riskiest first
 */
public record RiskAssessment(String model, List<ScoredItem> declarations, List<ScoredItem> entities) {}
