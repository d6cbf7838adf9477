package customs.risk.app.entry;

import customs.risk.app.risk.RiskService;
import customs.risk.engine.ranking.RiskStore;
import customs.risk.engine.ranking.ScoredItem;
import customs.risk.graph.DataDirectory;
import customs.risk.ingest.BundleException;
import customs.risk.ingest.BundleIngester;
import customs.risk.ingest.ContractRows;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The trader's declaration form behind the view: one {@code declarations.csv} row, checked column
 * by column with the contract's rules, saved through the bundle loader, and scored at once with
 * the current model so the trader sees the lane the declaration lands in.
 */
@Service
public class DeclarationEntry {

    public static final String FILE = "declarations.csv";
    private static final Logger log = LoggerFactory.getLogger(DeclarationEntry.class);

    /**
     * The outcome of a submitted declaration.
     *
     * @param entry saved or not, with the messages by column
     * @param score its score, lane and reasons once scored; empty when not saved or no model exists yet
     * @param scoring what became of the scoring, in words
     */
    public record Outcome(EntryResult entry, Optional<ScoredItem> score, String scoring) {}

    private final SingleRowBundle bundle;
    private final RiskService risk;
    private final Driver driver;

    DeclarationEntry(BundleIngester ingester, DataDirectory dataDirectory, RiskService risk, Driver driver) {
        this.bundle = new SingleRowBundle(ingester, dataDirectory.uploads());
        this.risk = risk;
        this.driver = driver;
    }

    /** The columns of the form, as the contract defines them (required marks, enum words). */
    public List<ContractRows.ColumnRule> columns() {
        return ContractRows.columns(FILE);
    }

    /**
     * Checks and saves one declaration item. Nothing is written when a column breaks a rule; every
     * broken column is reported, not only the first.
     *
     * @param values raw values by column name ({@code declaration_id}, {@code filed_on}, ...)
     */
    public Outcome submit(Map<String, String> values) {
        return submit(values, Optional.empty());
    }

    /**
     * As {@link #submit(Map)}, for a trader when {@code traderCompany} is given: the trader's company
     * must be the seller, buyer or declarant, and an existing item of another trader cannot be
     * overwritten.
     */
    public Outcome submit(Map<String, String> values, Optional<String> traderCompany) {
        var problems = new java.util.LinkedHashMap<>(ContractRows.problems(FILE, values));
        traderCompany.ifPresent(company -> problems.putAll(traderProblems(values, company)));
        if (!problems.isEmpty()) {
            return new Outcome(EntryResult.refused(problems), Optional.empty(), "not saved");
        }
        SingleRowBundle.Loaded loaded;
        try {
            loaded = bundle.load(FILE, values);
        } catch (BundleException e) {
            return new Outcome(new EntryResult(false, Map.of(), List.of(e.getMessage()), Map.of()), Optional.empty(),
                    "not saved");
        }
        boolean saved = loaded.result().declarationsLoaded() == 1;
        var entry = loaded.toEntry(FILE, saved);
        if (!saved) {
            return new Outcome(entry, Optional.empty(), "not saved");
        }
        String id = values.get("declaration_id").strip();
        forgetScore(id);
        String scoring = scoreNew();
        return new Outcome(entry, risk.score(RiskStore.Kind.DECLARATIONS, id), scoring);
    }

    private Map<String, String> traderProblems(Map<String, String> values, String company) {
        var problems = new java.util.LinkedHashMap<String, String>();
        boolean party = java.util.stream.Stream.of("seller_id", "buyer_id", "declarant_id")
                .anyMatch(c -> company.equals(blankToEmpty(values.get(c))));
        if (!party) {
            problems.put("buyer_id", "your company " + company + " must be the buyer, seller or declarant");
        }
        String id = blankToEmpty(values.get("declaration_id"));
        if (!id.isEmpty()) {
            try (var session = driver.session()) {
                boolean others = session.run("""
                        MATCH (d:Declaration {id: $id})
                        RETURN NOT EXISTS { (d)-[:SOLD_BY|BOUGHT_BY|DECLARED_BY]->(:Company {id: $company}) } AS others
                        """, Map.of("id", id, "company", company)).list(r -> r.get("others").asBoolean())
                        .stream().findFirst().orElse(false);
                if (others) {
                    problems.put("declaration_id", "declaration " + id + " exists and belongs to another trader");
                }
            }
        }
        return problems;
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.strip();
    }

    /**
     * A corrected declaration replaces the old one; its old score describes the old values, so it
     * goes, and the declaration is scored anew like a new one.
     */
    private void forgetScore(String id) {
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> tx.run("""
                    MATCH (d:Declaration {id: $id})
                    REMOVE d.riskScore, d.riskLane, d.riskReasons, d.riskModel, d.riskScoredAt
                    """, Map.of("id", id)).consume());
        }
    }

    /** Scoring failing leaves the declaration saved; the next scoring run picks it up. */
    private String scoreNew() {
        try {
            return risk.scoreNew().map(s -> "scored with model " + s.model())
                    .orElse("not scored yet: no model trained (./risk train); it will be scored by the next run");
        } catch (RuntimeException e) {
            log.error("scoring a declaration entered in the form failed", e);
            return "not scored: " + e.getMessage() + "; it will be scored by the next run";
        }
    }
}
