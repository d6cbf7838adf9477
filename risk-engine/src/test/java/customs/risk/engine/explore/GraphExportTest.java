package customs.risk.engine.explore;

import static org.assertj.core.api.Assertions.assertThat;

import customs.risk.engine.explore.NetworkService.GraphEdge;
import customs.risk.engine.explore.NetworkService.GraphNode;
import customs.risk.graph.NodeLabel;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import tools.jackson.databind.json.JsonMapper;

/** A network written as GraphML and JSON reads back with every node, edge and property. */
class GraphExportTest {

    private static final NodeRef SELLER = new NodeRef(NodeLabel.COMPANY, "A&B-1");
    private static final NodeRef BUYER = new NodeRef(NodeLabel.COMPANY, "C-2");
    private static final NodeRef OFFICER = new NodeRef(NodeLabel.PERSON, "P9");

    private final List<GraphNode> nodes = List.of(
            new GraphNode(SELLER, "Şahin & Söhne <Trading>", 0.91, "RED", true, false, false),
            new GraphNode(BUYER, "Harbour \"Link\" Ltd", Double.NaN, "", false, false, true),
            new GraphNode(OFFICER, "Nina Nominee", Double.NaN, "", false, true, false));
    private final List<GraphEdge> edges = List.of(
            new GraphEdge(
                    SELLER,
                    BUYER,
                    "TRADE",
                    "3× HS 8517, USD 1.2M",
                    Map.of("declarations", 3L, "valueUsd", 1_200_000.0, "hsHeadings", "8517")),
            new GraphEdge(OFFICER, SELLER, "CONTROL", "officer (director)", Map.of()));

    @Test
    void graphmlParsesWithNodesEdgesAndData() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(GraphExport.graphml(nodes, edges)));
        var nodeElements = document.getElementsByTagName("node");
        assertThat(nodeElements.getLength()).isEqualTo(3);
        var first = (Element) nodeElements.item(0);
        assertThat(first.getAttribute("id")).isEqualTo("Company:A&B-1");
        assertThat(first.getAttribute("labels")).isEqualTo(":Company");
        assertThat(first.getTextContent()).contains("Şahin & Söhne <Trading>", "RED", "0.91");
        var edgeElements = document.getElementsByTagName("edge");
        assertThat(edgeElements.getLength()).isEqualTo(2);
        var trade = (Element) edgeElements.item(0);
        assertThat(trade.getAttribute("source")).isEqualTo("Company:A&B-1");
        assertThat(trade.getAttribute("target")).isEqualTo("Company:C-2");
        assertThat(trade.getTextContent()).contains("3× HS 8517, USD 1.2M", "1200000.0");
        // Every data element names a declared key.
        var keys = document.getElementsByTagName("key");
        var declared = new java.util.HashSet<String>();
        for (int i = 0; i < keys.getLength(); i++) {
            declared.add(((Element) keys.item(i)).getAttribute("id"));
        }
        var data = document.getElementsByTagName("data");
        for (int i = 0; i < data.getLength(); i++) {
            assertThat(declared).contains(((Element) data.item(i)).getAttribute("key"));
        }
    }

    @Test
    void jsonReadsBackWithProperties() {
        var tree = JsonMapper.builder().build().readTree(GraphExport.json(nodes, edges));
        assertThat(tree.get("nodes")).hasSize(3);
        assertThat(tree.get("nodes").get(1).get("name").asString()).isEqualTo("Harbour \"Link\" Ltd");
        assertThat(tree.get("nodes").get(1).has("score")).isFalse();
        assertThat(tree.get("edges").get(0).get("declarations").asLong()).isEqualTo(3);
        assertThat(tree.get("edges").get(1).get("source").asString()).isEqualTo("Person:P9");
    }
}
