package customs.risk.ui.network;

import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.dependency.JavaScript;
import com.vaadin.flow.component.html.Div;
import customs.risk.engine.explore.NetworkService;
import customs.risk.engine.explore.NodeRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A Cytoscape.js canvas (loaded from its WebJar at run time: no frontend build) that draws the
 * nodes and edges the server sends and reports taps back. Colours follow the lane; nodes in a
 * detected loop get an orange ring, members of a shell cluster a dashed purple one.
 */
@JavaScript("context://webjars/cytoscape/3.33.1/dist/cytoscape.min.js")
class NetworkGraph extends Div {

    private final Set<String> nodes = new LinkedHashSet<>();
    private final Set<String> edges = new LinkedHashSet<>();
    private Consumer<NodeRef> onTap = ref -> {};

    NetworkGraph() {
        setId("network-graph");
        addClassName("network");
        // Set up first, so that every later call (queued in order) finds whenReady defined.
        getElement().executeJs("""
                const el = this;
                el.pending = el.pending || [];
                el.whenReady = f => el.cy ? f(el.cy) : el.pending.push(f);
                const start = () => {
                  // Before the layout gives the canvas its size, Cytoscape would place everything in a corner.
                  if (!window.cytoscape || el.clientWidth === 0) { setTimeout(start, 50); return; }
                  if (el.cy) { el.cy.destroy(); }
                  el.cy = cytoscape({ container: el, wheelSensitivity: 0.3, maxZoom: 2.5, style: [
                    { selector: 'node', style: { 'label': 'data(caption)', 'font-size': 9, 'text-wrap': 'ellipsis',
                        'text-max-width': 110, 'background-color': '#8a94a6', 'width': 22, 'height': 22 } },
                    { selector: 'node[kind = "Company"]', style: { 'shape': 'round-rectangle' } },
                    { selector: 'node[kind = "Person"]', style: { 'shape': 'ellipse', 'background-color': '#4a6fa5' } },
                    { selector: 'node[kind = "Declaration"]', style: { 'shape': 'diamond', 'width': 14, 'height': 14 } },
                    { selector: 'node[lane = "RED"]', style: { 'background-color': '#d93025' } },
                    { selector: 'node[lane = "YELLOW"]', style: { 'background-color': '#f2b600' } },
                    { selector: 'node[lane = "GREEN"]', style: { 'background-color': '#3c9a4f' } },
                    { selector: 'node[?loop]', style: { 'border-width': 4, 'border-color': '#ff8c00' } },
                    { selector: 'node[?cluster]', style: { 'border-width': 4, 'border-style': 'dashed', 'border-color': '#7b1fa2' } },
                    { selector: 'node[?investigated]', style: { 'underlay-color': '#1a73e8', 'underlay-padding': 6,
                        'underlay-opacity': 0.35, 'underlay-shape': 'ellipse' } },
                    { selector: 'edge', style: { 'width': 1.2, 'line-color': '#c0c6d0', 'target-arrow-shape': 'triangle',
                        'target-arrow-color': '#c0c6d0', 'curve-style': 'bezier', 'label': 'data(type)', 'font-size': 7,
                        'color': '#777' } },
                    { selector: '.path', style: { 'line-color': '#1a73e8', 'target-arrow-color': '#1a73e8', 'width': 3,
                        'border-width': 4, 'border-color': '#1a73e8' } },
                    { selector: ':selected', style: { 'overlay-opacity': 0.2 } } ] });
                  el.cy.on('tap', 'node', e => el.$server.tapped(e.target.id()));
                  // Everything drawn stays in view: fitted after each change, and when the canvas resizes.
                  el.fitAll = () => { el.cy.fit(undefined, 40); if (el.cy.zoom() > 1.5) { el.cy.zoom(1.5); el.cy.center(); } };
                  new ResizeObserver(() => { el.cy.resize(); el.fitAll(); }).observe(el);
                  const queued = el.pending; el.pending = [];
                  queued.forEach(f => f(el.cy));
                };
                start();
                """);
    }

    /** Draws the nodes and edges not on the canvas yet, placed near {@code near} (or laid out afresh). */
    void add(List<NetworkService.GraphNode> newNodes, List<NetworkService.GraphEdge> newEdges, NodeRef near) {
        var elements = new ArrayList<Map<String, Object>>();
        for (var node : newNodes) {
            if (nodes.add(node.ref().toString())) {
                var data = new LinkedHashMap<String, Object>();
                data.put("id", node.ref().toString());
                data.put("caption", node.caption());
                data.put("kind", node.ref().label().cypher());
                data.put("lane", node.lane());
                data.put("loop", node.inLoop());
                data.put("cluster", node.inCluster());
                data.put("investigated", node.investigated());
                elements.add(Map.of("group", "nodes", "data", data));
            }
        }
        for (var edge : newEdges) {
            String id = edge.source() + "|" + edge.type() + "|" + edge.target();
            if (edges.add(id)) {
                elements.add(Map.of(
                        "group",
                        "edges",
                        "data",
                        Map.of(
                                "id",
                                id,
                                "source",
                                edge.source().toString(),
                                "target",
                                edge.target().toString(),
                                "type",
                                edge.type())));
            }
        }
        getElement().executeJs("""
                const el = this, elements = $0, near = $1;
                el.whenReady(cy => {
                  const centre = near && cy.getElementById(near).nonempty() ? cy.getElementById(near).position() : null;
                  const added = cy.add(elements);
                  if (centre) {
                    added.nodes().forEach((n, i) => n.position({ x: centre.x + 120 * Math.cos(i), y: centre.y + 120 * Math.sin(i) }));
                    cy.layout({ name: 'cose', randomize: false, animate: false, fit: false }).run();
                  } else {
                    cy.layout({ name: 'cose', animate: false }).run();
                  }
                  el.fitAll();
                });
                """, elements, near == null ? "" : near.toString());
    }

    /** Marks the given nodes and the edges between them as a path. */
    void highlight(List<String> ids) {
        getElement().executeJs("""
                const ids = $0;
                this.whenReady(cy => {
                  cy.elements().removeClass('path');
                  ids.forEach(id => cy.getElementById(id).addClass('path'));
                  cy.edges().filter(e => ids.includes(e.source().id()) && ids.includes(e.target().id())).addClass('path');
                  this.fitAll();
                });
                """, ids);
    }

    void layout(String name) {
        getElement()
                .executeJs(
                        "const n = $0; const el = this; el.whenReady(cy => { cy.layout({ name: n, animate: false }).run(); el.fitAll(); });",
                        name);
    }

    void clear() {
        nodes.clear();
        edges.clear();
        getElement().executeJs("this.whenReady(cy => cy.elements().remove());");
    }

    /** Saves the whole graph as a PNG through the browser. */
    void exportPng() {
        getElement().executeJs("""
                this.whenReady(cy => {
                  const a = document.createElement('a');
                  a.href = cy.png({ full: true, bg: 'white', scale: 2 });
                  a.download = 'network.png';
                  document.body.appendChild(a); a.click(); a.remove();
                });
                """);
    }

    int nodeCount() {
        return nodes.size();
    }

    void onTap(Consumer<NodeRef> listener) {
        this.onTap = listener;
    }

    /** From the browser: only ids of nodes this canvas drew are accepted. */
    @ClientCallable
    private void tapped(String id) {
        if (nodes.contains(id)) {
            NodeRef.parse(id).ifPresent(onTap);
        }
    }
}
