package customs.risk.cases.report;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The subgraph behind an entity's risk as a case report draws it, free of any graph engine: nodes
 * with a caption and a lane, directed edges with what they stand for (e.g. "sold HS 8517 x5, USD
 * 1.2M", "shares address ..."). Whoever builds it decides what is evidence; the report only lays it
 * out and draws it.
 *
 * @param nodes in the order they are laid out
 * @param edges each between two of the nodes
 */
public record ReportGraph(List<Node> nodes, List<Edge> edges) {

    /**
     * @param id unique within the graph; the node whose id is the entity's {@code Label:key}, if
     *     any, is drawn in the middle
     * @param label what the drawing shows, e.g. a company's name
     * @param lane RED, YELLOW, GREEN, or anything else (drawn grey)
     */
    public record Node(String id, String label, String lane) {

        public Node {
            Objects.requireNonNull(id, "a node needs an id");
            label = label == null || label.isBlank() ? id : label;
            lane = lane == null ? "" : lane;
        }
    }

    /** A directed edge from {@code source} to {@code target}, by node id. */
    public record Edge(String source, String target, String label) {

        public Edge {
            Objects.requireNonNull(source, "an edge needs a source");
            Objects.requireNonNull(target, "an edge needs a target");
            label = label == null ? "" : label;
        }
    }

    private static final ReportGraph EMPTY = new ReportGraph(List.of(), List.of());

    /**
     * @throws IllegalArgumentException when two nodes share an id or an edge names a node the graph
     *     does not hold
     */
    public ReportGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        var ids = new HashSet<String>();
        for (Node node : nodes) {
            if (!ids.add(node.id())) {
                throw new IllegalArgumentException("two nodes with id " + node.id());
            }
        }
        for (Edge edge : edges) {
            if (!ids.contains(edge.source()) || !ids.contains(edge.target())) {
                throw new IllegalArgumentException(
                        "edge " + edge.source() + " -> " + edge.target() + " names a node the graph does not hold");
            }
        }
    }

    /** No evidence: what a report shows for an entity nobody drew a graph for. */
    public static ReportGraph empty() {
        return EMPTY;
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }
}
