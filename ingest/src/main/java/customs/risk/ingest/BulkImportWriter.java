package customs.risk.ingest;

import customs.risk.graph.files.Folders;
import customs.risk.graph.identity.Identifiers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.importer.ImportCommand;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import picocli.CommandLine;

/**
 * Writes validated rows as the node and relationship files of Neo4j's offline importer
 * ({@code neo4j-admin database import full}) and runs it: the way to fill a new store fast. It
 * builds exactly the graph {@link GraphWriter} builds (same nodes, keys, properties, placeholders
 * and links), which the ingest tests check by loading one bundle both ways.
 *
 * <p>Single-threaded; memory holds the keys of the nodes written so far, never the rows.
 */
final class BulkImportWriter implements RowSink, AutoCloseable {

    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private final Path neo4jHome;
    private final Path work;
    private final Map<String, NodeFile> nodeFiles = new LinkedHashMap<>();
    private final Map<String, RelationshipFile> relationshipFiles = new LinkedHashMap<>();
    private final Map<String, Set<String>> written = new HashMap<>();
    private final Map<String, Map<String, Long>> placeholders = new LinkedHashMap<>();
    private final Map<String, TreeMap<LocalDate, Double>> rates = new HashMap<>();
    private IngestReport report;

    BulkImportWriter(Path neo4jHome) throws IOException {
        this.neo4jHome = neo4jHome;
        this.work = Files.createTempDirectory("bulk-import");
    }

    void reportTo(IngestReport report) {
        this.report = report;
    }

    @Override
    public ExchangeRates rates() {
        return new ExchangeRates(rates);
    }

    @Override
    public long write(BundleFile file, List<PreparedRow> rows) {
        long rejected = 0;
        for (PreparedRow row : rows) {
            if (!writeRow(file, row)) {
                rejected++;
            }
        }
        return rejected;
    }

    private boolean writeRow(BundleFile file, PreparedRow row) {
        var p = row.props();
        switch (file) {
            case EXCHANGE_RATES -> {
                node("ExchangeRate", "key", row.key(), p);
                rates.computeIfAbsent((String) p.get("currency"), c -> new TreeMap<>())
                        .put((LocalDate) p.get("validOn"), (Double) p.get("rateToBase"));
            }
            case OFFICES -> {
                node("Office", "code", row.key(), p);
                link("LOCATED_IN", "Office", row.key(), "Country", country((String) p.get("country")));
            }
            case COMPANIES -> {
                node("Company", "id", row.key(), p);
                link("REGISTERED_IN", "Company", row.key(), "Country", country((String) p.get("country")));
                identifier(
                        "Address",
                        "HAS_ADDRESS",
                        row.key(),
                        Identifiers.addressKey((String) p.get("address")),
                        p.get("address"));
                identifier(
                        "Phone",
                        "HAS_PHONE",
                        row.key(),
                        Identifiers.phoneKey((String) p.get("phone"), (String) p.get("country")),
                        p.get("phone"));
                identifier(
                        "Email", "HAS_EMAIL", row.key(), Identifiers.emailKey((String) p.get("email")), p.get("email"));
            }
            case PEOPLE -> node("Person", "id", row.key(), p);
            case OFFICERS -> {
                String company = reference(file, row, "Company", "company", "company_id", "companyId");
                String person = reference(file, row, "Person", "person", "person_id", "personId");
                var props = new LinkedHashMap<String, Object>();
                props.put("key", row.key());
                props.put("role", p.get("role"));
                props.put("since", p.get("since"));
                props.put("until", p.get("until"));
                relationship("OFFICER_OF", "Person", "Company", props).add(person, company, props);
            }
            case DECLARATIONS -> writeDeclaration(file, row);
            case INSPECTIONS -> {
                String declaration = (String) p.get("declarationId");
                if (!knownDeclaration(file, row, declaration, true)) {
                    return false;
                }
                node("Inspection", "key", row.key(), p);
                link("OF", "Inspection", row.key(), "Declaration", declaration);
            }
            case DOCUMENTS -> {
                String declaration = (String) p.get("declarationId");
                if (!knownDeclaration(file, row, declaration, false)) {
                    return false;
                }
                String company = reference(file, row, "Company", "company", "company_id", "companyId");
                node("Document", "id", row.key(), p);
                if (declaration != null) {
                    link("SUPPORTS", "Document", row.key(), "Declaration", declaration);
                }
                if (company != null) {
                    link("FILED", "Company", company, "Document", row.key());
                }
            }
        }
        return true;
    }

    private void writeDeclaration(BundleFile file, PreparedRow row) {
        var p = row.props();
        String seller = reference(file, row, "Company", "company", "seller_id", "sellerId");
        String buyer = reference(file, row, "Company", "company", "buyer_id", "buyerId");
        String declarant = reference(file, row, "Company", "company", "declarant_id", "declarantId");
        String office = reference(file, row, "Office", "office", "office_code", "officeCode");
        String hs = hsCode((String) p.get("hsCode"));
        String origin = country((String) p.get("originCountry"));
        node("Declaration", "id", row.key(), p);
        link("SOLD_BY", "Declaration", row.key(), "Company", seller);
        link("BOUGHT_BY", "Declaration", row.key(), "Company", buyer);
        if (declarant != null) {
            link("DECLARED_BY", "Declaration", row.key(), "Company", declarant);
        }
        link("LODGED_AT", "Declaration", row.key(), "Office", office);
        link("CLASSIFIED_AS", "Declaration", row.key(), "HsCode", hs);
        link("ORIGINATES_IN", "Declaration", row.key(), "Country", origin);
    }

    private boolean knownDeclaration(BundleFile file, PreparedRow row, String id, boolean required) {
        if ((id == null && !required) || keys("Declaration").contains(id)) {
            return true;
        }
        report.reject(
                file.fileName(),
                row.line(),
                "declaration_id",
                id,
                "unknown declaration: it is neither in this bundle nor in the store");
        return false;
    }

    /** An id another node points at; unknown ones become placeholders, reported once, written at the end. */
    private String reference(
            BundleFile file, PreparedRow row, String label, String noun, String column, String property) {
        String id = (String) row.props().get(property);
        if (id == null || keys(label).contains(id)) {
            return id;
        }
        var pending = placeholders.computeIfAbsent(label, l -> new LinkedHashMap<>());
        if (pending.putIfAbsent(id, row.line()) == null) {
            report.placeholder(file.fileName(), row.line(), column, noun, id);
        }
        return id;
    }

    private String country(String code) {
        if (code != null && keys("Country").add(code)) {
            nodeFile("Country", "code", Map.of()).add(code, Map.of());
        }
        return code;
    }

    private String hsCode(String code) {
        String child = null;
        String current = code;
        while (current != null) {
            boolean isNew = keys("HsCode").add(current);
            if (isNew) {
                var props = Map.<String, Object>of("level", (long) current.length());
                nodeFile("HsCode", "code", props).add(current, props);
            }
            if (child != null) {
                link("PART_OF", "HsCode", child, "HsCode", current);
            }
            if (!isNew) {
                break;
            }
            child = current;
            current = current.length() > 6
                    ? current.substring(0, 6)
                    : current.length() > 2 ? current.substring(0, current.length() - 2) : null;
        }
        return code;
    }

    private void identifier(String label, String type, String company, String key, Object value) {
        if (key == null) {
            return;
        }
        if (keys(label).add(key)) {
            var props = Map.<String, Object>of("value", value);
            nodeFile(label, "key", props).add(key, props);
        }
        link(type, "Company", company, label, key);
    }

    private void node(String label, String keyProperty, String key, Map<String, Object> props) {
        keys(label).add(key);
        nodeFile(label, keyProperty, props).add(key, props);
    }

    private void link(String type, String fromLabel, String from, String toLabel, String to) {
        relationship(type, fromLabel, toLabel, Map.of()).add(from, to, Map.of());
    }

    private Set<String> keys(String label) {
        return written.computeIfAbsent(label, l -> new HashSet<>());
    }

    private NodeFile nodeFile(String label, String keyProperty, Map<String, Object> firstProps) {
        return nodeFiles.computeIfAbsent(
                label, l -> new NodeFile(work, l, keyProperty, List.copyOf(firstProps.keySet())));
    }

    private RelationshipFile relationship(String type, String from, String to, Map<String, Object> firstProps) {
        return relationshipFiles.computeIfAbsent(
                type + ":" + from + ":" + to,
                t -> new RelationshipFile(work, type, from, to, List.copyOf(firstProps.keySet())));
    }

    /** Writes the placeholders, closes the files and runs Neo4j's importer into the (new) store. */
    void runImport() throws IOException {
        for (var entry : placeholders.entrySet()) {
            String label = entry.getKey();
            var file = new NodeFile(work, label + "-placeholders", label.equals("Office") ? "code" : "id", List.of());
            file.extraLabel = "Placeholder";
            file.label = label;
            for (String id : entry.getValue().keySet()) {
                if (!keys(label).contains(id)) {
                    file.add(id, Map.of());
                }
            }
            nodeFiles.put(label + "-placeholders", file);
        }
        var args = new ArrayList<String>();
        for (NodeFile file : nodeFiles.values()) {
            file.close();
            args.add("--nodes=" + file.labels() + "=" + file.header + "," + file.data);
        }
        for (RelationshipFile file : relationshipFiles.values()) {
            file.close();
            args.add("--relationships=" + file.type + "=" + file.header + "," + file.data);
        }
        args.add("--multiline-fields=true");
        args.add("--report-file=" + work.resolve("import.report"));
        args.add("--threads=2");
        args.add("neo4j");
        Files.createDirectories(neo4jHome.resolve("conf"));
        // The importer's own progress report is long; -Drisk.import.verbose=true shows it.
        var log = Boolean.getBoolean("risk.import.verbose")
                ? System.err
                : new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        var errors = new ByteArrayOutputStream();
        var context = new ExecutionContext(
                neo4jHome,
                neo4jHome.resolve("conf"),
                log,
                new PrintStream(errors, true, StandardCharsets.UTF_8),
                new DefaultFileSystemAbstraction());
        int code = new CommandLine(new ImportCommand.Full(context)).execute(args.toArray(String[]::new));
        if (code != 0) {
            throw new IOException("Neo4j's importer exited with " + code + ": "
                    + errors.toString(StandardCharsets.UTF_8).strip() + " (details under " + neo4jHome.resolve("logs")
                    + ")");
        }
    }

    @Override
    public void close() throws IOException {
        for (NodeFile file : nodeFiles.values()) {
            file.close();
        }
        for (RelationshipFile file : relationshipFiles.values()) {
            file.close();
        }
        Folders.deleteRecursively(work);
    }

    /** Import header type of a property value; the header is written last, once types are seen. */
    private static String typeOf(Object value) {
        return switch (value) {
            case Double d -> ":double";
            case Long l -> ":long";
            case LocalDate d -> ":date";
            case Boolean b -> ":boolean";
            case null, default -> "";
        };
    }

    private abstract static class ImportFile {
        final Path header;
        final Path data;
        final List<String> properties;
        final String[] types;
        private final CSVPrinter printer;
        private boolean closed;

        ImportFile(Path work, String name, List<String> properties) {
            this.header = work.resolve(name + "-header.csv");
            this.data = work.resolve(name + ".csv");
            this.properties = properties;
            this.types = new String[properties.size()];
            try {
                this.printer = new CSVPrinter(Files.newBufferedWriter(data, StandardCharsets.UTF_8), FORMAT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void print(List<Object> leading, Map<String, Object> props) {
            var record = new ArrayList<Object>(leading.size() + properties.size());
            record.addAll(leading);
            for (int i = 0; i < properties.size(); i++) {
                Object value = props.get(properties.get(i));
                if (value != null && types[i] == null) {
                    types[i] = typeOf(value);
                }
                record.add(value);
            }
            try {
                printer.printRecord(record);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        abstract List<String> leadingHeader();

        void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            printer.close();
            var columns = new ArrayList<>(leadingHeader());
            for (int i = 0; i < properties.size(); i++) {
                columns.add(properties.get(i) + (types[i] == null ? "" : types[i]));
            }
            try (var out = new CSVPrinter(Files.newBufferedWriter(header, StandardCharsets.UTF_8), FORMAT)) {
                out.printRecord(columns);
            }
        }
    }

    private static final class NodeFile extends ImportFile {
        final String keyProperty;
        String label;
        String extraLabel;

        NodeFile(Path work, String label, String keyProperty, List<String> properties) {
            super(work, "nodes-" + label, properties);
            this.label = label;
            this.keyProperty = keyProperty;
        }

        void add(String key, Map<String, Object> props) {
            print(List.of(key), props);
        }

        String labels() {
            return extraLabel == null ? label : label + ":" + extraLabel;
        }

        @Override
        List<String> leadingHeader() {
            return List.of(keyProperty + ":ID(" + label + ")");
        }
    }

    private static final class RelationshipFile extends ImportFile {
        final String type;
        private final String from;
        private final String to;

        RelationshipFile(Path work, String type, String from, String to, List<String> properties) {
            super(work, "rels-" + type + "-" + from + "-" + to, properties);
            this.type = type;
            this.from = from;
            this.to = to;
        }

        void add(String start, String end, Map<String, Object> props) {
            print(List.of(start, end), props);
        }

        @Override
        List<String> leadingHeader() {
            return List.of(":START_ID(" + from + ")", ":END_ID(" + to + ")");
        }
    }
}
