package customs.risk.ingest;

import customs.risk.graph.NodeLabel;
import customs.risk.graph.files.Folders;
import customs.risk.graph.identity.Identifiers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Nodes are numbered here, in the order they are met, and the importer is given those numbers
 * as the store's own node ids ({@code --id-type=actual}): it then has no string ids to sort and
 * look up for every relationship, which was most of its time.
 *
 * <p>Single-threaded; memory holds the key and number of every node met so far, never the rows.
 */
final class BulkImportWriter implements RowSink, AutoCloseable {

    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private final Path neo4jHome;
    private final Path work;
    private final Map<String, NodeFile> nodeFiles = new LinkedHashMap<>();
    private final Map<RelationshipKey, RelationshipFile> relationshipFiles = new LinkedHashMap<>();
    private final Map<NodeLabel, Map<String, Long>> nodeIds = new EnumMap<>(NodeLabel.class);
    // Keys referenced but not (yet) written, with the first line that referenced them.
    private final Map<NodeLabel, Map<String, Long>> placeholders = new EnumMap<>(NodeLabel.class);
    private long nextNodeId;
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
                node(NodeLabel.EXCHANGE_RATE, row.key(), p);
                rates.computeIfAbsent((String) p.get("currency"), c -> new TreeMap<>())
                        .put((LocalDate) p.get("validOn"), (Double) p.get("rateToBase"));
            }
            case OFFICES -> {
                node(NodeLabel.OFFICE, row.key(), p);
                link("LOCATED_IN", NodeLabel.OFFICE, row.key(), NodeLabel.COUNTRY, country((String) p.get("country")));
            }
            case COMPANIES -> {
                node(NodeLabel.COMPANY, row.key(), p);
                link("REGISTERED_IN", NodeLabel.COMPANY, row.key(), NodeLabel.COUNTRY, country((String)
                        p.get("country")));
                identifier(
                        NodeLabel.ADDRESS,
                        "HAS_ADDRESS",
                        row.key(),
                        Identifiers.addressKey((String) p.get("address")),
                        p.get("address"));
                identifier(
                        NodeLabel.PHONE,
                        "HAS_PHONE",
                        row.key(),
                        Identifiers.phoneKey((String) p.get("phone"), (String) p.get("country")),
                        p.get("phone"));
                identifier(
                        NodeLabel.EMAIL,
                        "HAS_EMAIL",
                        row.key(),
                        Identifiers.emailKey((String) p.get("email")),
                        p.get("email"));
            }
            case PEOPLE -> node(NodeLabel.PERSON, row.key(), p);
            case OFFICERS -> {
                String company = reference(file, row, NodeLabel.COMPANY, "company", "company_id", "companyId");
                String person = reference(file, row, NodeLabel.PERSON, "person", "person_id", "personId");
                var props = new LinkedHashMap<String, Object>();
                props.put("key", row.key());
                props.put("role", p.get("role"));
                props.put("since", p.get("since"));
                props.put("until", p.get("until"));
                relationship("OFFICER_OF", NodeLabel.PERSON, NodeLabel.COMPANY, props)
                        .add(nodeId(NodeLabel.PERSON, person), nodeId(NodeLabel.COMPANY, company), props);
            }
            case DECLARATIONS -> writeDeclaration(file, row);
            case INSPECTIONS -> {
                String declaration = (String) p.get("declarationId");
                if (!knownDeclaration(file, row, declaration, true)) {
                    return false;
                }
                node(NodeLabel.INSPECTION, row.key(), p);
                link("OF", NodeLabel.INSPECTION, row.key(), NodeLabel.DECLARATION, declaration);
            }
            case DOCUMENTS -> {
                String declaration = (String) p.get("declarationId");
                if (!knownDeclaration(file, row, declaration, false)) {
                    return false;
                }
                String company = reference(file, row, NodeLabel.COMPANY, "company", "company_id", "companyId");
                node(NodeLabel.DOCUMENT, row.key(), p);
                if (declaration != null) {
                    link("SUPPORTS", NodeLabel.DOCUMENT, row.key(), NodeLabel.DECLARATION, declaration);
                }
                if (company != null) {
                    link("FILED", NodeLabel.COMPANY, company, NodeLabel.DOCUMENT, row.key());
                }
            }
        }
        return true;
    }

    private void writeDeclaration(BundleFile file, PreparedRow row) {
        var p = row.props();
        String seller = reference(file, row, NodeLabel.COMPANY, "company", "seller_id", "sellerId");
        String buyer = reference(file, row, NodeLabel.COMPANY, "company", "buyer_id", "buyerId");
        String declarant = reference(file, row, NodeLabel.COMPANY, "company", "declarant_id", "declarantId");
        String office = reference(file, row, NodeLabel.OFFICE, "office", "office_code", "officeCode");
        String hs = hsCode((String) p.get("hsCode"));
        String origin = country((String) p.get("originCountry"));
        long declaration = node(NodeLabel.DECLARATION, row.key(), p);
        var d = NodeLabel.DECLARATION;
        link("SOLD_BY", d, declaration, NodeLabel.COMPANY, nodeId(NodeLabel.COMPANY, seller));
        link("BOUGHT_BY", d, declaration, NodeLabel.COMPANY, nodeId(NodeLabel.COMPANY, buyer));
        if (declarant != null) {
            link("DECLARED_BY", d, declaration, NodeLabel.COMPANY, nodeId(NodeLabel.COMPANY, declarant));
        }
        link("LODGED_AT", d, declaration, NodeLabel.OFFICE, nodeId(NodeLabel.OFFICE, office));
        link("CLASSIFIED_AS", d, declaration, NodeLabel.HS_CODE, nodeId(NodeLabel.HS_CODE, hs));
        link("ORIGINATES_IN", d, declaration, NodeLabel.COUNTRY, nodeId(NodeLabel.COUNTRY, origin));
    }

    private boolean knownDeclaration(BundleFile file, PreparedRow row, String id, boolean required) {
        if ((id == null && !required) || isWritten(NodeLabel.DECLARATION, id)) {
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
            BundleFile file, PreparedRow row, NodeLabel label, String noun, String column, String property) {
        String id = (String) row.props().get(property);
        if (id == null || isWritten(label, id)) {
            return id;
        }
        var pending = placeholders.computeIfAbsent(label, l -> new LinkedHashMap<>());
        if (pending.putIfAbsent(id, row.line()) == null) {
            report.placeholder(file.fileName(), row.line(), column, noun, id);
            nodeId(label, id);
        }
        return id;
    }

    private String country(String code) {
        if (code != null && !nodeIds(NodeLabel.COUNTRY).containsKey(code)) {
            nodeFile(NodeLabel.COUNTRY, Map.of()).add(nodeId(NodeLabel.COUNTRY, code), code, Map.of());
        }
        return code;
    }

    private String hsCode(String code) {
        String child = null;
        String current = code;
        while (current != null) {
            boolean isNew = !nodeIds(NodeLabel.HS_CODE).containsKey(current);
            if (isNew) {
                var props = Map.<String, Object>of("level", (long) current.length());
                nodeFile(NodeLabel.HS_CODE, props).add(nodeId(NodeLabel.HS_CODE, current), current, props);
            }
            if (child != null) {
                link("PART_OF", NodeLabel.HS_CODE, child, NodeLabel.HS_CODE, current);
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

    private void identifier(NodeLabel label, String type, String company, String key, Object value) {
        if (key == null) {
            return;
        }
        if (!nodeIds(label).containsKey(key)) {
            var props = Map.<String, Object>of("value", value);
            nodeFile(label, props).add(nodeId(label, key), key, props);
        }
        link(type, NodeLabel.COMPANY, company, label, key);
    }

    /** Writes a node described by a row; returns its number. */
    private long node(NodeLabel label, String key, Map<String, Object> props) {
        var pending = placeholders.get(label);
        if (pending != null) {
            pending.remove(key);
        }
        long id = nodeId(label, key);
        nodeFile(label, props).add(id, key, props);
        return id;
    }

    private void link(String type, NodeLabel fromLabel, String from, NodeLabel toLabel, String to) {
        link(type, fromLabel, nodeId(fromLabel, from), toLabel, nodeId(toLabel, to));
    }

    private void link(String type, NodeLabel fromLabel, long from, NodeLabel toLabel, long to) {
        relationship(type, fromLabel, toLabel, Map.of()).add(from, to, Map.of());
    }

    private Map<String, Long> nodeIds(NodeLabel label) {
        return nodeIds.computeIfAbsent(label, l -> new HashMap<>());
    }

    /** The node's number in the new store: given when its key is first met. */
    private long nodeId(NodeLabel label, String key) {
        return nodeIds(label).computeIfAbsent(key, k -> nextNodeId++);
    }

    private boolean isWritten(NodeLabel label, String key) {
        if (!nodeIds(label).containsKey(key)) {
            return false;
        }
        var pending = placeholders.get(label);
        return pending == null || !pending.containsKey(key);
    }

    private NodeFile nodeFile(NodeLabel label, Map<String, Object> firstProps) {
        return nodeFiles.computeIfAbsent(label.cypher(), l -> {
            var file = new NodeFile(work, l, label.key(), List.copyOf(firstProps.keySet()));
            if (label == NodeLabel.DECLARATION) {
                // The risk engine finds the declarations it has not scored yet by this label.
                file.extraLabel = "Unscored";
            }
            return file;
        });
    }

    private RelationshipFile relationship(String type, NodeLabel from, NodeLabel to, Map<String, Object> firstProps) {
        return relationshipFiles.computeIfAbsent(
                new RelationshipKey(type, from, to),
                k -> new RelationshipFile(work, type, from.cypher(), to.cypher(), List.copyOf(firstProps.keySet())));
    }

    private record RelationshipKey(String type, NodeLabel from, NodeLabel to) {}

    /** Writes the placeholders, closes the files and runs Neo4j's importer into the (new) store. */
    void runImport() throws IOException {
        for (var entry : placeholders.entrySet()) {
            NodeLabel label = entry.getKey();
            var file = new NodeFile(work, label.cypher() + "-placeholders", label.key(), List.of());
            file.extraLabel = "Placeholder";
            file.label = label.cypher();
            for (String id : entry.getValue().keySet()) {
                file.add(nodeId(label, id), id, Map.of());
            }
            nodeFiles.put(label.cypher() + "-placeholders", file);
        }
        var args = new ArrayList<String>();
        var multiline = new ArrayList<String>();
        for (NodeFile file : nodeFiles.values()) {
            file.close();
            args.add("--nodes=" + file.labels() + "=" + file.header + "," + file.data);
            if (file.multiline) {
                multiline.add(file.data.toString());
            }
        }
        for (RelationshipFile file : relationshipFiles.values()) {
            file.close();
            args.add("--relationships=" + file.type + "=" + file.header + "," + file.data);
            if (file.multiline) {
                multiline.add(file.data.toString());
            }
        }
        args.add("--id-type=actual");
        // Only files with a value that spans lines are read as such: that reading cannot be split
        // between threads, and the importer's own help warns it "can severely degrade" its speed.
        if (!multiline.isEmpty()) {
            args.add("--multiline-fields-format=v2");
            args.add("--multiline-fields=" + String.join(",", multiline));
        }
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
        private final Writer out;
        private final StringBuilder line = new StringBuilder(512);
        private boolean closed;
        // Whether a value spans lines: the importer then has to read the file in one piece.
        boolean multiline;

        ImportFile(Path work, String name, List<String> properties) {
            this.header = work.resolve(name + "-header.csv");
            this.data = work.resolve(name + ".csv");
            this.properties = properties;
            this.types = new String[properties.size()];
            try {
                this.out = Files.newBufferedWriter(data, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Writes one line: the two leading numbers (node id and key, or both ends), then the properties. */
        void print(long first, Object second, Map<String, Object> props) {
            line.setLength(0);
            line.append(first).append(',');
            append(second);
            for (int i = 0; i < properties.size(); i++) {
                Object value = props.get(properties.get(i));
                if (value != null && types[i] == null) {
                    types[i] = typeOf(value);
                }
                line.append(',');
                append(value);
            }
            line.append('\n');
            try {
                out.append(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A value as RFC 4180 writes it, quoted only when it has to be; nothing for null. */
        private void append(Object value) {
            if (value == null) {
                return;
            }
            if (value instanceof Long number) {
                line.append(number.longValue());
                return;
            }
            String text = value.toString();
            if (!needsQuotes(text)) {
                line.append(text);
                return;
            }
            if (!multiline) {
                multiline = text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
            }
            line.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    line.append('"');
                }
                line.append(c);
            }
            line.append('"');
        }

        private static boolean needsQuotes(String text) {
            if (text.isEmpty()
                    || Character.isWhitespace(text.charAt(0))
                    || Character.isWhitespace(text.charAt(text.length() - 1))) {
                return true;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                    return true;
                }
            }
            return false;
        }

        abstract List<String> leadingHeader();

        void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            out.close();
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

        void add(long id, String key, Map<String, Object> props) {
            print(id, key, props);
        }

        String labels() {
            return extraLabel == null ? label : label + ":" + extraLabel;
        }

        @Override
        List<String> leadingHeader() {
            return List.of(":ID", keyProperty);
        }
    }

    private static final class RelationshipFile extends ImportFile {
        final String type;

        RelationshipFile(Path work, String type, String from, String to, List<String> properties) {
            super(work, "rels-" + type + "-" + from + "-" + to, properties);
            this.type = type;
        }

        void add(long start, long end, Map<String, Object> props) {
            print(start, end, props);
        }

        @Override
        List<String> leadingHeader() {
            return List.of(":START_ID", ":END_ID");
        }
    }
}
