package customs.risk.ingest;

import customs.risk.graph.NodeLabel;
import customs.risk.graph.identity.Identifiers;
import customs.risk.graph.store.Graph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Query;
import org.neo4j.driver.TransactionContext;

/**
 * Writes validated rows into the graph, one transaction per batch, with MERGE on business keys so
 * that loading the same rows twice leaves the graph as it was. A row replaces the node's properties
 * and outgoing links of its kind, so a corrected row re-submitted wins over the old one.
 *
 * <p>Not thread-safe: the ingester calls it from one writer thread. (A second writer was measured
 * slower: both contend for the locks of the same dense nodes, offices, countries and HS codes.) In
 * process, the links of new declarations are written on a thread of their own, one batch behind.
 */
final class GraphWriter implements RowSink {

    /** A node kind that a row may reference before any file described it. */
    private enum Referenced {
        COMPANY(NodeLabel.COMPANY, "company"),
        PERSON(NodeLabel.PERSON, "person"),
        OFFICE(NodeLabel.OFFICE, "office");

        final NodeLabel label;
        final String findQuery;
        final String ensureQuery;
        final String noun;

        Referenced(NodeLabel label, String noun) {
            this.label = label;
            this.noun = noun;
            this.findQuery = """
                    UNWIND $ids AS id
                    MATCH (n:%s {%s: id})
                    RETURN id, n:Placeholder AS placeholder
                    """.formatted(label.cypher(), label.key());
            this.ensureQuery = """
                    UNWIND $ids AS id
                    MERGE (n:%s {%s: id}) ON CREATE SET n:Placeholder
                    RETURN id, n:Placeholder AS placeholder
                    """.formatted(label.cypher(), label.key());
        }
    }

    private static final String OFFICES = """
            UNWIND $rows AS row
            MERGE (o:Office {code: row.key})
            SET o += row.props
            REMOVE o:Placeholder
            WITH o, row
            OPTIONAL MATCH (o)-[old:LOCATED_IN]->()
            DELETE old
            WITH DISTINCT o, row
            MERGE (c:Country {code: row.props.country})
            CREATE (o)-[:LOCATED_IN]->(c)
            """;

    private static final String COMPANIES = """
            UNWIND $rows AS row
            MERGE (c:Company {id: row.key})
            SET c += row.props
            REMOVE c:Placeholder
            WITH c, row
            OPTIONAL MATCH (c)-[old:REGISTERED_IN|HAS_ADDRESS|HAS_PHONE|HAS_EMAIL]->()
            DELETE old
            WITH DISTINCT c, row
            MERGE (k:Country {code: row.props.country})
            CREATE (c)-[:REGISTERED_IN]->(k)
            FOREACH (key IN CASE WHEN row.addressKey IS NULL THEN [] ELSE [row.addressKey] END |
              MERGE (a:Address {key: key}) ON CREATE SET a.value = row.props.address
              CREATE (c)-[:HAS_ADDRESS]->(a))
            FOREACH (key IN CASE WHEN row.phoneKey IS NULL THEN [] ELSE [row.phoneKey] END |
              MERGE (p:Phone {key: key}) ON CREATE SET p.value = row.props.phone
              CREATE (c)-[:HAS_PHONE]->(p))
            FOREACH (key IN CASE WHEN row.emailKey IS NULL THEN [] ELSE [row.emailKey] END |
              MERGE (e:Email {key: key}) ON CREATE SET e.value = row.props.email
              CREATE (c)-[:HAS_EMAIL]->(e))
            """;

    private static final String PEOPLE = """
            UNWIND $rows AS row
            MERGE (p:Person {id: row.key})
            SET p += row.props
            REMOVE p:Placeholder
            """;

    private static final String OFFICERS = """
            UNWIND $rows AS row
            MATCH (p:Person {id: row.props.personId})
            MATCH (c:Company {id: row.props.companyId})
            MERGE (p)-[r:OFFICER_OF {key: row.key}]->(c)
            SET r.role = row.props.role, r.since = row.props.since, r.until = row.props.until
            """;

    private static final String DECLARATION_LINKS = """
            MATCH (s:Company {id: row.props.sellerId})
            MATCH (b:Company {id: row.props.buyerId})
            MATCH (o:Office {code: row.props.officeCode})
            MATCH (h:HsCode {code: row.props.hsCode})
            MATCH (oc:Country {code: row.props.originCountry})
            CREATE (d)-[:SOLD_BY]->(s), (d)-[:BOUGHT_BY]->(b), (d)-[:LODGED_AT]->(o),
                   (d)-[:CLASSIFIED_AS]->(h), (d)-[:ORIGINATES_IN]->(oc)
            WITH d, row
            OPTIONAL MATCH (x:Company {id: row.props.declarantId})
            FOREACH (_ IN CASE WHEN x IS NULL THEN [] ELSE [1] END | CREATE (d)-[:DECLARED_BY]->(x))
            """;
    // Replaces a declaration that is already in the store (a re-load or a correction).
    private static final String DECLARATIONS_REPLACE = """
            UNWIND $rows AS row
            MATCH (d:Declaration {id: row.key})
            SET d += row.props
            WITH d, row
            OPTIONAL MATCH (d)-[old:SOLD_BY|BOUGHT_BY|DECLARED_BY|LODGED_AT|CLASSIFIED_AS|ORIGINATES_IN]->()
            DELETE old
            WITH DISTINCT d, row
            """ + DECLARATION_LINKS;

    // The common case, a declaration seen for the first time: no MERGE, nothing to delete. When it
    // came is kept (loadedAt): alerts tell watchers of the declarations loaded since they last looked.
    // Unscored until the risk engine scores it, which finds the new ones by that label. The nodes it
    // links to are found before anything is created, so that the planner needs no eager step.
    private static final String DECLARATIONS_CREATE = """
            UNWIND $rows AS row
            MATCH (s:Company {id: row.props.sellerId})
            MATCH (b:Company {id: row.props.buyerId})
            MATCH (o:Office {code: row.props.officeCode})
            MATCH (h:HsCode {code: row.props.hsCode})
            MATCH (oc:Country {code: row.props.originCountry})
            OPTIONAL MATCH (x:Company {id: row.props.declarantId})
            CREATE (d:Declaration:Unscored)
            SET d = row.props, d.id = row.key, d.loadedAt = datetime()
            CREATE (d)-[:SOLD_BY]->(s), (d)-[:BOUGHT_BY]->(b), (d)-[:LODGED_AT]->(o),
                   (d)-[:CLASSIFIED_AS]->(h), (d)-[:ORIGINATES_IN]->(oc)
            FOREACH (_ IN CASE WHEN x IS NULL THEN [] ELSE [1] END | CREATE (d)-[:DECLARED_BY]->(x))
            """;

    private static final String HS_CODES = """
            UNWIND $links AS link
            MERGE (h:HsCode {code: link.code}) ON CREATE SET h.level = size(link.code)
            WITH h, link WHERE link.parent IS NOT NULL
            MERGE (p:HsCode {code: link.parent}) ON CREATE SET p.level = size(link.parent)
            MERGE (h)-[:PART_OF]->(p)
            """;

    private static final String COUNTRIES = "UNWIND $codes AS code MERGE (:Country {code: code})";

    private static final String EXISTING_DECLARATIONS = """
            UNWIND $ids AS id
            MATCH (d:Declaration {id: id})
            RETURN collect(id) AS ids
            """;

    private static final String EXISTING_DOCUMENTS = """
            UNWIND $ids AS id
            MATCH (doc:Document {id: id})
            RETURN id, doc.sha256 AS sha256, doc.caseId AS caseId
            """;

    private static final String INSPECTIONS = """
            UNWIND $rows AS row
            MATCH (d:Declaration {id: row.props.declarationId})
            MERGE (i:Inspection {key: row.key})
            SET i += row.props
            MERGE (i)-[:OF]->(d)
            """;

    private static final String DOCUMENTS = """
            UNWIND $rows AS row
            MERGE (doc:Document {id: row.key})
            SET doc += row.props
            WITH doc, row
            OPTIONAL MATCH (doc)-[old:SUPPORTS]->()
            DELETE old
            WITH DISTINCT doc, row
            OPTIONAL MATCH (doc)<-[oldFiled:FILED]-()
            DELETE oldFiled
            WITH DISTINCT doc, row
            OPTIONAL MATCH (d:Declaration {id: row.props.declarationId})
            OPTIONAL MATCH (c:Company {id: row.props.companyId})
            FOREACH (_ IN CASE WHEN d IS NULL THEN [] ELSE [1] END | CREATE (doc)-[:SUPPORTS]->(d))
            FOREACH (_ IN CASE WHEN c IS NULL THEN [] ELSE [1] END | CREATE (c)-[:FILED]->(doc))
            """;

    private static final String EXCHANGE_RATES = """
            UNWIND $rows AS row
            MERGE (r:ExchangeRate {key: row.key})
            SET r += row.props
            """;

    private final Driver driver;
    private final InProcessDeclarations inProcess;
    private final Graph graph;
    private final IngestReport report;
    private final Map<Referenced, Set<String>> known = new LinkedHashMap<>();
    private final Set<String> knownHsCodes = new HashSet<>();
    private final Set<String> knownCountries = new HashSet<>();
    private final Set<String> reportedPlaceholders = new HashSet<>();
    // The links of the last batch of new declarations, written on a thread of their own.
    private FutureTask<Void> linking;
    // Node numbers of the companies, people, offices, codes and countries found in this load.
    private final Map<NodeLabel, Map<String, Long>> linkEnds = new ConcurrentHashMap<>();

    /**
     * @param inProcess creates new declarations through the embedded store's Java API; null for a
     *     store reached only over Bolt, where the Cypher below does it
     */
    GraphWriter(Driver driver, InProcessDeclarations inProcess, IngestReport report) {
        this.driver = driver;
        this.inProcess = inProcess;
        this.graph = new Graph(driver);
        this.report = report;
        for (Referenced kind : Referenced.values()) {
            known.put(kind, new HashSet<>());
        }
    }

    /** Writes one batch of a file; returns how many rows were rejected at this stage. */
    @Override
    public long write(BundleFile file, List<PreparedRow> rows) {
        return switch (file) {
            case EXCHANGE_RATES -> run(EXCHANGE_RATES, rows, 0);
            case OFFICES -> run(OFFICES, rows, knowAll(Referenced.OFFICE, rows));
            case COMPANIES -> run(COMPANIES, companyParameters(rows), knowAll(Referenced.COMPANY, rows));
            case PEOPLE -> run(PEOPLE, rows, knowAll(Referenced.PERSON, rows));
            case OFFICERS -> {
                ensure(file, rows, Referenced.COMPANY, "company_id", "companyId");
                ensure(file, rows, Referenced.PERSON, "person_id", "personId");
                yield run(OFFICERS, rows, 0);
            }
            case DECLARATIONS -> writeDeclarations(rows);
            case INSPECTIONS -> writeInspections(rows);
            case DOCUMENTS -> writeDocuments(rows);
        };
    }

    @Override
    public void finish() {
        awaitLinking();
    }

    private void awaitLinking() {
        if (linking == null) {
            return;
        }
        try {
            linking.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("ingest interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            linking = null;
        }
    }

    @Override
    public ExchangeRates rates() {
        return ExchangeRates.load(driver);
    }

    private long writeDeclarations(List<PreparedRow> rows) {
        var file = BundleFile.DECLARATIONS;
        ensure(file, rows, Referenced.COMPANY, "seller_id", "sellerId");
        ensure(file, rows, Referenced.COMPANY, "buyer_id", "buyerId");
        ensure(file, rows, Referenced.COMPANY, "declarant_id", "declarantId");
        ensure(file, rows, Referenced.OFFICE, "office_code", "officeCode");
        ensureHsCodes(rows);
        ensureCountries(rows, "originCountry");
        List<PreparedRow> replacing;
        if (inProcess != null) {
            var created = inProcess.createNew(rows);
            awaitLinking();
            linking = new FutureTask<>(() -> {
                inProcess.link(created, linkEnds);
                return null;
            });
            Thread.ofPlatform().name("ingest-linker").daemon().start(linking);
            replacing = created.stored();
        } else {
            var stored =
                    existingDeclarations(rows.stream().map(PreparedRow::key).toList());
            var fresh = new ArrayList<PreparedRow>(rows.size());
            replacing = new ArrayList<>();
            for (PreparedRow row : rows) {
                (stored.contains(row.key()) ? replacing : fresh).add(row);
            }
            run(DECLARATIONS_CREATE, fresh, 0);
        }
        return run(DECLARATIONS_REPLACE, replacing, 0);
    }

    private Set<String> existingDeclarations(List<String> ids) {
        return new HashSet<>(read(EXISTING_DECLARATIONS, Map.of("ids", ids))
                .getFirst()
                .get("ids")
                .asList(v -> v.asString()));
    }

    private long writeInspections(List<PreparedRow> rows) {
        var valid = rowsWithKnownDeclaration(BundleFile.INSPECTIONS, rows, true);
        run(INSPECTIONS, valid, 0);
        return rows.size() - valid.size();
    }

    private long writeDocuments(List<PreparedRow> rows) {
        var valid = rowsWithKnownDeclaration(BundleFile.DOCUMENTS, unchangedDocuments(rows), false);
        ensure(BundleFile.DOCUMENTS, valid, Referenced.COMPANY, "company_id", "companyId");
        run(DOCUMENTS, valid, 0);
        return rows.size() - valid.size();
    }

    /**
     * Filed documents are evidence: a row may file a new document or repeat one with the very same
     * bytes, never replace one, nor touch a document filed into a case.
     */
    private List<PreparedRow> unchangedDocuments(List<PreparedRow> rows) {
        var filed = new HashMap<String, org.neo4j.driver.Record>();
        for (var record : read(
                EXISTING_DOCUMENTS,
                Map.of("ids", rows.stream().map(PreparedRow::key).toList()))) {
            filed.put(record.get("id").asString(), record);
        }
        var kept = new ArrayList<PreparedRow>(rows.size());
        for (PreparedRow row : rows) {
            var earlier = filed.get(row.key());
            if (earlier == null) {
                kept.add(row);
            } else if (!earlier.get("caseId").isNull()) {
                report.reject(
                        BundleFile.DOCUMENTS.fileName(),
                        row.line(),
                        "document_id",
                        row.key(),
                        "this id belongs to a document filed into a case; choose another id");
            } else if (!earlier.get("sha256").asString("").equals(row.props().get("sha256"))) {
                report.reject(
                        BundleFile.DOCUMENTS.fileName(),
                        row.line(),
                        "document_id",
                        row.key(),
                        "already filed with other content: filed documents never change; file the correction "
                                + "under a new id");
            } else {
                kept.add(row);
            }
        }
        return kept;
    }

    /** Declarations are the one reference that is not made up: an inspection of nothing is rejected. */
    private List<PreparedRow> rowsWithKnownDeclaration(BundleFile file, List<PreparedRow> rows, boolean required) {
        var ids = rows.stream()
                .map(r -> (String) r.props().get("declarationId"))
                .filter(id -> id != null)
                .distinct()
                .toList();
        Set<String> existing = existingDeclarations(ids);
        var valid = new ArrayList<PreparedRow>(rows.size());
        for (PreparedRow row : rows) {
            String id = (String) row.props().get("declarationId");
            if ((id == null && !required) || existing.contains(id)) {
                valid.add(row);
            } else {
                report.reject(
                        file.fileName(),
                        row.line(),
                        "declaration_id",
                        id,
                        "unknown declaration: it is neither in this bundle nor in the store");
            }
        }
        return valid;
    }

    private long knowAll(Referenced kind, List<PreparedRow> rows) {
        var ids = known.get(kind);
        rows.forEach(r -> ids.add(r.key()));
        return 0;
    }

    /**
     * Makes sure every id in {@code property} exists, creating placeholders for unknown ones, and
     * reports each placeholder once per load with the first line that referenced it.
     */
    private void ensure(BundleFile file, List<PreparedRow> rows, Referenced kind, String column, String property) {
        var knownIds = known.get(kind);
        var firstLine = new LinkedHashMap<String, Long>();
        for (PreparedRow row : rows) {
            String id = (String) row.props().get(property);
            if (id != null && !knownIds.contains(id)) {
                firstLine.putIfAbsent(id, row.line());
            }
        }
        if (firstLine.isEmpty()) {
            return;
        }
        // Most references are to nodes already stored: a read finds them without the write locks of MERGE.
        var ids = List.copyOf(firstLine.keySet());
        remember(
                kind,
                file,
                column,
                firstLine,
                inProcess != null
                        ? inProcess.findStored(
                                kind.label, ids, linkEnds.computeIfAbsent(kind.label, l -> new ConcurrentHashMap<>()))
                        : placeholders(graph.query(kind.findQuery, Map.of("ids", ids))));
        var missing =
                firstLine.keySet().stream().filter(id -> !knownIds.contains(id)).toList();
        if (!missing.isEmpty()) {
            remember(kind, file, column, firstLine, placeholders(read(kind.ensureQuery, Map.of("ids", missing))));
        }
    }

    /** Whether each node a query returned (id, placeholder) is a placeholder. */
    private static Map<String, Boolean> placeholders(List<org.neo4j.driver.Record> records) {
        var placeholder = new HashMap<String, Boolean>();
        for (var record : records) {
            placeholder.put(
                    record.get("id").asString(), record.get("placeholder").asBoolean());
        }
        return placeholder;
    }

    /** Notes the ids found or created as known, reporting each placeholder once per load. */
    private void remember(
            Referenced kind, BundleFile file, String column, Map<String, Long> firstLine, Map<String, Boolean> found) {
        found.forEach((id, placeholder) -> {
            known.get(kind).add(id);
            if (placeholder && reportedPlaceholders.add(kind.noun + ":" + id)) {
                report.placeholder(file.fileName(), firstLine.get(id), column, kind.noun, id);
            }
        });
    }

    private void ensureHsCodes(List<PreparedRow> rows) {
        var links = new ArrayList<Map<String, Object>>();
        for (PreparedRow row : rows) {
            String code = (String) row.props().get("hsCode");
            while (code != null && knownHsCodes.add(code)) {
                String parent = code.length() > 6
                        ? code.substring(0, 6)
                        : code.length() > 2 ? code.substring(0, code.length() - 2) : null;
                var link = new LinkedHashMap<String, Object>();
                link.put("code", code);
                link.put("parent", parent);
                links.add(link);
                code = parent;
            }
        }
        if (!links.isEmpty()) {
            execute(HS_CODES, Map.of("links", links));
        }
    }

    private void ensureCountries(List<PreparedRow> rows, String... properties) {
        var codes = new ArrayList<String>();
        for (PreparedRow row : rows) {
            for (String property : properties) {
                String code = (String) row.props().get(property);
                if (code != null && knownCountries.add(code)) {
                    codes.add(code);
                }
            }
        }
        if (!codes.isEmpty()) {
            execute(COUNTRIES, Map.of("codes", codes));
        }
    }

    private static List<Map<String, Object>> companyParameters(List<PreparedRow> rows) {
        return rows.stream()
                .map(row -> {
                    var parameter = new LinkedHashMap<String, Object>(row.asParameter());
                    String country = (String) row.props().get("country");
                    parameter.put("addressKey", Identifiers.addressKey((String)
                            row.props().get("address")));
                    parameter.put(
                            "phoneKey",
                            Identifiers.phoneKey((String) row.props().get("phone"), country));
                    parameter.put("emailKey", Identifiers.emailKey((String)
                            row.props().get("email")));
                    return (Map<String, Object>) parameter;
                })
                .toList();
    }

    private long run(String cypher, List<?> rows, long rejected) {
        if (rows.isEmpty()) {
            return rejected;
        }
        List<Object> parameters = rows.stream()
                .map(r -> r instanceof PreparedRow p ? (Object) p.asParameter() : r)
                .toList();
        execute(cypher, Map.of("rows", parameters));
        return rejected;
    }

    private void execute(String cypher, Map<String, Object> parameters) {
        graph.update(tx -> tx.run(new Query(cypher, parameters)).consume());
    }

    private List<org.neo4j.driver.Record> read(String cypher, Map<String, Object> parameters) {
        return graph.write(
                (TransactionContext tx) -> tx.run(new Query(cypher, parameters)).list());
    }
}
