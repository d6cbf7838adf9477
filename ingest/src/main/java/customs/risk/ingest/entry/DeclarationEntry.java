package customs.risk.ingest.entry;

import customs.risk.graph.DataDirectory;
import customs.risk.graph.store.Graph;
import customs.risk.ingest.BundleException;
import customs.risk.ingest.BundleIngester;
import customs.risk.ingest.ContractRows;
import customs.risk.ingest.DataLoaded;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The trader's declaration form behind the view: one {@code declarations.csv} row, checked column
 * by column with the contract's rules, saved through the bundle loader, and announced as
 * {@link DataLoaded}, so that it is scored at once and the trader sees the lane it lands in.
 */
@Service
public class DeclarationEntry {

    public static final String FILE = "declarations.csv";
    private static final Logger log = LoggerFactory.getLogger(DeclarationEntry.class);

    /**
     * The outcome of a submitted declaration.
     *
     * @param entry saved or not, with the messages by column
     * @param scoring what became of the scoring, in words
     */
    public record Outcome(EntryResult entry, String scoring) {}

    private final SingleRowBundle bundle;
    private final ApplicationEventPublisher events;
    private final Graph graph;

    DeclarationEntry(
            BundleIngester ingester, DataDirectory dataDirectory, ApplicationEventPublisher events, Driver driver) {
        this.bundle = new SingleRowBundle(ingester, dataDirectory.uploads());
        this.events = events;
        this.graph = new Graph(driver);
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
            return new Outcome(EntryResult.refused(problems), "not saved");
        }
        SingleRowBundle.Loaded loaded;
        try {
            loaded = bundle.load(FILE, values);
        } catch (BundleException e) {
            return new Outcome(new EntryResult(false, Map.of(), List.of(e.getMessage()), Map.of()), "not saved");
        }
        boolean saved = loaded.result().declarationsLoaded() == 1;
        var entry = loaded.toEntry(FILE, saved);
        if (!saved) {
            return new Outcome(entry, "not saved");
        }
        String id = values.get("declaration_id").strip();
        forgetScore(id);
        var announced = new DataLoaded(DataLoaded.Source.FORM);
        events.publishEvent(announced);
        return new Outcome(
                entry,
                announced
                        .outcome("scoring")
                        .orElse("not scored yet: nothing scores new declarations in this application"));
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
            boolean others =
                    graph
                            .query(
                                    """
                            MATCH (d:Declaration {id: $id})
                            RETURN NOT EXISTS { (d)-[:SOLD_BY|BOUGHT_BY|DECLARED_BY]->(:Company {id: $company}) } AS others
                            """,
                                    Map.of("id", id, "company", company),
                                    r -> r.get("others").asBoolean())
                            .stream()
                            .findFirst()
                            .orElse(false);
            if (others) {
                problems.put("declaration_id", "declaration " + id + " exists and belongs to another trader");
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
        graph.update(tx -> tx.run("""
                MATCH (d:Declaration {id: $id})
                REMOVE d.riskScore, d.riskLane, d.riskReasons, d.riskModel, d.riskScoredAt
                """, Map.of("id", id)).consume());
    }
}
