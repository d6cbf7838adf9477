package customs.risk.engine.explore;

import customs.risk.engine.explore.NetworkService.GraphEdge;
import customs.risk.engine.explore.NetworkService.GraphNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A drawn network written for other tools: GraphML (Gephi, yEd, Neo4j's {@code apoc.import.graphml},
 * which reads the {@code labels} attribute) and JSON (nodes and edges with their properties).
 */
public final class GraphExport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GraphExport() {}

    /** {@code {"nodes": [...], "edges": [...]}}, each node with its id, label, key, name, lane and score. */
    public static byte[] json(List<GraphNode> nodes, List<GraphEdge> edges) {
        var document = new LinkedHashMap<String, Object>();
        document.put("nodes", nodes.stream().map(GraphExport::nodeProperties).toList());
        document.put(
                "edges",
                edges.stream()
                        .map(e -> {
                            var edge = new LinkedHashMap<String, Object>();
                            edge.put("source", e.source().toString());
                            edge.put("target", e.target().toString());
                            edge.put("type", e.type());
                            edge.put("label", e.label());
                            edge.putAll(e.properties());
                            return edge;
                        })
                        .toList());
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
    }

    /** GraphML with one attribute key per property that occurs, typed as string or double. */
    public static byte[] graphml(List<GraphNode> nodes, List<GraphEdge> edges) {
        var nodeKeys = new LinkedHashMap<String, String>();
        var nodeRows = new ArrayList<Map<String, Object>>();
        for (var node : nodes) {
            var properties = nodeProperties(node);
            properties.remove("id");
            properties.forEach((k, v) -> nodeKeys.merge(k, type(v), GraphExport::widest));
            nodeRows.add(properties);
        }
        var edgeKeys = new LinkedHashMap<String, String>();
        var edgeRows = new ArrayList<Map<String, Object>>();
        for (var edge : edges) {
            var properties = new LinkedHashMap<String, Object>();
            properties.put("type", edge.type());
            properties.put("label", edge.label());
            properties.putAll(edge.properties());
            properties.forEach((k, v) -> edgeKeys.merge(k, type(v), GraphExport::widest));
            edgeRows.add(properties);
        }
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
        nodeKeys.forEach((k, t) -> xml.append(String.format(
                "  <key id=\"n_%s\" for=\"node\" attr.name=\"%s\" attr.type=\"%s\"/>%n", escape(k), escape(k), t)));
        edgeKeys.forEach((k, t) -> xml.append(String.format(
                "  <key id=\"e_%s\" for=\"edge\" attr.name=\"%s\" attr.type=\"%s\"/>%n", escape(k), escape(k), t)));
        xml.append("  <graph id=\"network\" edgedefault=\"directed\">\n");
        for (int i = 0; i < nodes.size(); i++) {
            var node = nodes.get(i);
            xml.append(String.format(
                    "    <node id=\"%s\" labels=\":%s\">%n",
                    escape(node.ref().toString()), node.ref().label().cypher()));
            data(xml, "n_", nodeRows.get(i));
            xml.append("    </node>\n");
        }
        for (int i = 0; i < edges.size(); i++) {
            var edge = edges.get(i);
            xml.append(String.format(
                    "    <edge id=\"e%d\" source=\"%s\" target=\"%s\" label=\"%s\">%n",
                    i, escape(edge.source().toString()), escape(edge.target().toString()), escape(edge.type())));
            data(xml, "e_", edgeRows.get(i));
            xml.append("    </edge>\n");
        }
        xml.append("  </graph>\n</graphml>\n");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static LinkedHashMap<String, Object> nodeProperties(GraphNode node) {
        var properties = new LinkedHashMap<String, Object>();
        properties.put("id", node.ref().toString());
        properties.put("label", node.ref().label().cypher());
        properties.put("key", node.ref().key());
        properties.put("name", node.caption());
        properties.put("lane", node.lane());
        if (!Double.isNaN(node.score())) {
            properties.put("score", node.score());
        }
        properties.put("inLoop", node.inLoop());
        properties.put("inCluster", node.inCluster());
        return properties;
    }

    private static void data(StringBuilder xml, String prefix, Map<String, Object> properties) {
        properties.forEach((k, v) -> xml.append(
                String.format("      <data key=\"%s%s\">%s</data>%n", prefix, escape(k), escape(String.valueOf(v)))));
    }

    private static String type(Object value) {
        return value instanceof Boolean ? "boolean" : value instanceof Number ? "double" : "string";
    }

    /** Two types seen for one key: string holds both. */
    private static String widest(String a, String b) {
        return a.equals(b) ? a : "string";
    }

    private static String escape(String text) {
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    // Control characters other than tab and newlines are not allowed in XML 1.0.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
