package customs.risk.ingest.entry;

import customs.risk.graph.DataDirectory;
import customs.risk.graph.NodeLabel;
import customs.risk.graph.store.Graph;
import customs.risk.graph.store.ScoreVersions;
import customs.risk.ingest.BundleException;
import customs.risk.ingest.BundleIngester;
import customs.risk.ingest.ContractRows;
import customs.risk.ingest.DataLoaded;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    private final RowBundle bundle;
    private final ApplicationEventPublisher events;
    private final Graph graph;

    DeclarationEntry(
            BundleIngester ingester, DataDirectory dataDirectory, ApplicationEventPublisher events, Driver driver) {
        this.bundle = new RowBundle(ingester, dataDirectory.uploads());
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
        RowBundle.Loaded loaded;
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
        forgetScores(List.of(id));
        var announced = new DataLoaded(DataLoaded.Source.FORM);
        events.publishEvent(announced);
        return new Outcome(
                entry,
                announced
                        .outcome("scoring")
                        .orElse("not scored yet: nothing scores new declarations in this application"));
    }

    /**
     * Checks and saves a trader's batch of declaration items as a bulk load does: rows that break a
     * rule are reported with line, column and reason while the others load. A row is refused when
     * {@code traderCompany} is not its seller, buyer or declarant, or when its id belongs to another
     * trader's item. Sending the same batch again changes nothing; the items saved are scored at once.
     *
     * @throws BundleException when the rows cannot be loaded at all
     */
    public BatchReport submitAll(RowBatch batch, String traderCompany) throws BundleException {
        var ids = batch.rows().stream()
                .map(r -> r.value("declaration_id"))
                .filter(id -> !id.isEmpty())
                .distinct()
                .toList();
        var foreign = othersDeclarations(ids, traderCompany);
        var refused = new LinkedHashMap<Integer, BatchReport.Line>();
        for (int i = 0; i < batch.size(); i++) {
            var row = batch.rows().get(i);
            String id = row.value("declaration_id");
            if (!isParty(row.values(), traderCompany)) {
                refused.put(
                        i,
                        new BatchReport.Line(
                                row.line(), "buyer_id", row.value("buyer_id"), notAParty(traderCompany), "REJECTED"));
            } else if (foreign.contains(id)) {
                refused.put(i, new BatchReport.Line(row.line(), "declaration_id", id, othersItem(id), "REJECTED"));
            }
        }
        var before = declarations(ids);
        var load = BatchLoad.load(bundle, FILE, batch, refused);
        if (!load.saved().isEmpty()) {
            var after = declarations(ids);
            forgetScores(ids.stream()
                    .filter(id -> after.containsKey(id) && !after.get(id).equals(before.get(id)))
                    .toList());
            events.publishEvent(new DataLoaded(DataLoaded.Source.FORM));
        }
        return load.report();
    }

    private static boolean isParty(Map<String, String> values, String company) {
        return java.util.stream.Stream.of("seller_id", "buyer_id", "declarant_id")
                .anyMatch(c -> company.equals(blankToEmpty(values.get(c))));
    }

    private static String notAParty(String company) {
        return "your company " + company + " must be the buyer, seller or declarant";
    }

    private static String othersItem(String id) {
        return "declaration " + id + " exists and belongs to another trader";
    }

    /** Of {@code ids}, those of items in the graph where {@code company} plays no part. */
    private Set<String> othersDeclarations(List<String> ids, String company) {
        return new HashSet<>(graph.query(
                """
                UNWIND $ids AS id
                MATCH (d:Declaration {id: id})
                WHERE NOT EXISTS { (d)-[:SOLD_BY|BOUGHT_BY|DECLARED_BY]->(:Company {id: $company}) }
                RETURN d.id AS id
                """, Map.of("ids", ids, "company", company), r -> r.get("id").asString()));
    }

    /** The stored values of the items in the graph, by id, without what loading and scoring add. */
    private Map<String, Map<String, Object>> declarations(List<String> ids) {
        var values = new HashMap<String, Map<String, Object>>();
        graph.query(
                        """
                        UNWIND $ids AS id
                        MATCH (d:Declaration {id: id})
                        RETURN d.id AS id, properties(d) AS values
                        """,
                        Map.of("ids", ids),
                        r -> Map.entry(
                                r.get("id").asString(),
                                new HashMap<>(r.get("values").asMap())))
                .forEach(e -> {
                    e.getValue().keySet().removeIf(k -> k.equals("loadedAt") || k.startsWith("risk"));
                    values.put(e.getKey(), e.getValue());
                });
        return values;
    }

    private Map<String, String> traderProblems(Map<String, String> values, String company) {
        var problems = new java.util.LinkedHashMap<String, String>();
        if (!isParty(values, company)) {
            problems.put("buyer_id", notAParty(company));
        }
        String id = blankToEmpty(values.get("declaration_id"));
        if (!id.isEmpty() && othersDeclarations(List.of(id), company).contains(id)) {
            problems.put("declaration_id", othersItem(id));
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
    private void forgetScores(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        graph.update(tx -> tx.run("""
                UNWIND $ids AS id
                MATCH (d:Declaration {id: id})
                REMOVE d.riskScore, d.riskLane, d.riskReasons, d.riskModel, d.riskScoredAt, d.riskDigest
                SET d:Unscored
                """, Map.of("ids", ids)).consume());
        ScoreVersions.raise(graph, NodeLabel.DECLARATION.cypher());
    }
}
