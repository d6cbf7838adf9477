package customs.risk.ui.network;

import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.dependency.JavaScript;
import com.vaadin.flow.component.html.Div;
import customs.risk.engine.explore.GraphExport;
import customs.risk.engine.explore.NetworkService.GraphEdge;
import customs.risk.engine.explore.NetworkService.GraphNode;
import customs.risk.engine.explore.NodeRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A Cytoscape.js canvas (loaded from its WebJar at run time: no frontend build) that draws the
 * nodes and edges the server sends and reports taps back. Colours follow the lane; nodes in a
 * detected loop get an orange ring, members of a shell cluster a dashed purple one; trade edges
 * are grey and as thick as their declarations are many, control edges dashed purple. What is
 * already placed stays where it is when more is added.
 */
@JavaScript("context://webjars/cytoscape/3.33.1/dist/cytoscape.min.js")
class NetworkGraph extends Div {

    /** How new nodes are placed. */
    enum Placement {
        /** Around the node they were expanded from, the rest held still. */
        AROUND,
        /** On a circle in the order given: a loop's members in loop order. */
        CIRCLE,
        /** Identifiers in the middle, the companies sharing them around. */
        CONCENTRIC
    }

    private final Map<String, GraphNode> nodes = new LinkedHashMap<>();
    private final Map<String, GraphEdge> edges = new LinkedHashMap<>();
    private Consumer<NodeRef> onTap = ref -> {};
    private Consumer<GraphEdge> onEdgeTap = edge -> {};

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
                    { selector: 'node', style: { 'label': 'data(caption)', 'font-size': 10, 'text-wrap': 'ellipsis',
                        'text-max-width': 140, 'text-valign': 'bottom', 'text-margin-y': 3,
                        'background-color': '#8a94a6', 'width': 24, 'height': 24 } },
                    { selector: 'node[kind = "Company"]', style: { 'shape': 'round-rectangle', 'width': 30, 'height': 24 } },
                    { selector: 'node[kind = "Person"]', style: { 'shape': 'ellipse', 'background-color': '#4a6fa5' } },
                    { selector: 'node[kind = "Address"], node[kind = "Phone"], node[kind = "Email"]',
                      style: { 'shape': 'tag', 'background-color': '#b39ddb', 'width': 18, 'height': 18 } },
                    { selector: 'node[kind = "Declaration"]', style: { 'shape': 'diamond', 'width': 14, 'height': 14 } },
                    { selector: 'node[lane = "RED"]', style: { 'background-color': '#d93025' } },
                    { selector: 'node[lane = "YELLOW"]', style: { 'background-color': '#f2b600' } },
                    { selector: 'node[lane = "GREEN"]', style: { 'background-color': '#3c9a4f' } },
                    { selector: 'node[?loop]', style: { 'border-width': 4, 'border-color': '#ff8c00' } },
                    { selector: 'node[?cluster]', style: { 'border-width': 4, 'border-style': 'dashed', 'border-color': '#7b1fa2' } },
                    { selector: 'node[?investigated]', style: { 'underlay-color': '#1a73e8', 'underlay-padding': 6,
                        'underlay-opacity': 0.35, 'underlay-shape': 'ellipse' } },
                    { selector: 'edge', style: { 'width': 1.2, 'line-color': '#c0c6d0', 'target-arrow-shape': 'triangle',
                        'target-arrow-color': '#c0c6d0', 'curve-style': 'bezier', 'label': 'data(label)', 'font-size': 9,
                        'color': '#444', 'text-rotation': 'autorotate', 'text-background-color': '#fff',
                        'text-background-opacity': 0.8 } },
                    { selector: 'edge[type = "TRADE"]', style: { 'line-color': '#6b7686', 'target-arrow-color': '#6b7686',
                        'width': 'mapData(weight, 1, 40, 1.5, 7)' } },
                    { selector: 'edge[type = "CONTROL"]', style: { 'line-color': '#7b1fa2', 'target-arrow-color': '#7b1fa2',
                        'line-style': 'dashed' } },
                    { selector: '.evidence', style: { 'border-width': 5, 'border-color': '#ff6d00', 'border-style': 'solid' } },
                    { selector: 'edge.evidence', style: { 'line-color': '#ff6d00', 'target-arrow-color': '#ff6d00', 'width': 3.5 } },
                    { selector: '.path', style: { 'line-color': '#1a73e8', 'target-arrow-color': '#1a73e8', 'width': 3,
                        'border-width': 4, 'border-color': '#1a73e8' } },
                    { selector: ':selected', style: { 'overlay-opacity': 0.2 } } ] });
                  el.cy.on('tap', 'node', e => el.$server.tapped(e.target.id()));
                  el.cy.on('tap', 'edge', e => el.$server.edgeTapped(e.target.id()));
                  // Names are the labels; the id shows on hover.
                  el.cy.on('mouseover', 'node', e => { el.title = e.target.id(); });
                  el.cy.on('mouseout', 'node', () => { el.title = ''; });
                  // Everything drawn stays in view: fitted after each change, and when the canvas resizes.
                  el.fitAll = () => { el.cy.fit(undefined, 40); if (el.cy.zoom() > 1.5) { el.cy.zoom(1.5); el.cy.center(); } };
                  new ResizeObserver(() => { el.cy.resize(); el.fitAll(); }).observe(el);
                  // The picture as SVG, from what is drawn: positions, colours and labels as on screen.
                  el.svg = () => {
                    const cy = el.cy, box = cy.elements().boundingBox({ includeLabels: true }), pad = 20;
                    const esc = t => String(t == null ? '' : t).replace(/&/g, '&amp;').replace(/</g, '&lt;')
                        .replace(/>/g, '&gt;').replace(/"/g, '&quot;');
                    const x = v => (v - box.x1 + pad).toFixed(1), y = v => (v - box.y1 + pad).toFixed(1);
                    const parts = [];
                    cy.edges().forEach(e => {
                      const s = e.source().position(), t = e.target().position();
                      parts.push(`<line x1="${x(s.x)}" y1="${y(s.y)}" x2="${x(t.x)}" y2="${y(t.y)}" stroke="${e.style('line-color')}"`
                          + ` stroke-width="${parseFloat(e.style('width'))}"${e.data('type') === 'CONTROL' ? ' stroke-dasharray="5,4"' : ''}`
                          + ` marker-end="url(#arrow)"><title>${esc(e.data('label'))}</title></line>`);
                      parts.push(`<text x="${x((s.x + t.x) / 2)}" y="${y((s.y + t.y) / 2)}" font-size="8" fill="#555"`
                          + ` text-anchor="middle">${esc(e.data('label'))}</text>`);
                    });
                    cy.nodes().forEach(n => {
                      const p = n.position(), w = n.width() / 2, fill = n.style('background-color');
                      const ring = parseFloat(n.style('border-width')) > 0 ? ` stroke="${n.style('border-color')}" stroke-width="3"` : '';
                      parts.push(n.data('kind') === 'Company'
                          ? `<rect x="${x(p.x - w)}" y="${y(p.y - n.height() / 2)}" width="${n.width()}" height="${n.height()}" rx="4" fill="${fill}"${ring}/>`
                          : `<circle cx="${x(p.x)}" cy="${y(p.y)}" r="${w}" fill="${fill}"${ring}/>`);
                      parts.push(`<text x="${x(p.x)}" y="${y(p.y + n.height() / 2 + 12)}" font-size="10" text-anchor="middle">`
                          + `${esc(n.data('caption'))}</text>`);
                    });
                    const width = (box.w + 2 * pad).toFixed(0), height = (box.h + 2 * pad).toFixed(0);
                    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`
                        + ` font-family="sans-serif"><defs><marker id="arrow" viewBox="0 0 10 10" refX="22" refY="5" markerWidth="6"`
                        + ` markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#6b7686"/></marker></defs>`
                        + `<rect width="100%" height="100%" fill="white"/>${parts.join('')}</svg>`;
                  };
                  el.pngDataUrl = () => el.cy.png({ full: true, bg: 'white', scale: 2 });
                  el.save = (href, name) => {
                    const a = document.createElement('a'); a.href = href; a.download = name;
                    document.body.appendChild(a); a.click(); a.remove();
                  };
                  const queued = el.pending; el.pending = [];
                  queued.forEach(f => f(el.cy));
                };
                start();
                """);
    }

    /** Draws the nodes and edges not on the canvas yet, placed near {@code near}, the rest held still. */
    void add(List<GraphNode> newNodes, List<GraphEdge> newEdges, NodeRef near) {
        add(newNodes, newEdges, near, Placement.AROUND);
    }

    /** Draws the nodes and edges not on the canvas yet, placed as {@code placement} says. */
    void add(List<GraphNode> newNodes, List<GraphEdge> newEdges, NodeRef near, Placement placement) {
        var elements = new ArrayList<Map<String, Object>>();
        int order = 0;
        for (var node : newNodes) {
            String id = node.ref().toString();
            if (nodes.putIfAbsent(id, node) == null) {
                var data = new LinkedHashMap<String, Object>();
                data.put("id", id);
                data.put("caption", node.caption());
                data.put("kind", node.ref().label().cypher());
                data.put("lane", node.lane());
                data.put("loop", node.inLoop());
                data.put("cluster", node.inCluster());
                data.put("investigated", node.investigated());
                data.put("order", order++);
                elements.add(Map.of("group", "nodes", "data", data));
            }
        }
        for (var edge : newEdges) {
            String id = edgeId(edge);
            if (edges.putIfAbsent(id, edge) == null) {
                var data = new LinkedHashMap<String, Object>();
                data.put("id", id);
                data.put("source", edge.source().toString());
                data.put("target", edge.target().toString());
                data.put("type", edge.type());
                data.put("label", edge.label());
                data.put("weight", edge.properties().get("declarations") instanceof Number n ? n.doubleValue() : 1.0);
                elements.add(Map.of("group", "edges", "data", data));
            }
        }
        getElement().executeJs("""
                const el = this, elements = $0, near = $1, placement = $2;
                el.whenReady(cy => {
                  const started = performance.now();
                  const placed = cy.nodes();
                  const centre = near && cy.getElementById(near).nonempty() ? cy.getElementById(near).position() : null;
                  const added = cy.add(elements);
                  if (placement === 'CIRCLE') {
                    // A circle no wider than its nodes need, so that fitting zooms in and the names stay legible.
                    cy.layout({ name: 'circle', animate: false, radius: Math.max(90, 30 * added.nodes().length),
                                sort: (a, b) => a.data('order') - b.data('order') }).run();
                  } else if (placement === 'CONCENTRIC') {
                    cy.layout({ name: 'concentric', animate: false, minNodeSpacing: 40,
                                concentric: n => n.data('kind') === 'Company' ? 1 : 2, levelWidth: () => 1 }).run();
                  } else if (placed.nonempty() && added.nodes().nonempty()) {
                    // What is already placed stays: the new nodes go on a ring around their origin, wide
                    // enough that neighbours on it keep 75 px between them, each at the free spot of the
                    // ring farthest from every node already drawn.
                    const origin = placed.boundingBox();
                    const cx = centre ? centre.x : (origin.x1 + origin.x2) / 2, cyy = centre ? centre.y : (origin.y1 + origin.y2) / 2;
                    const fresh = added.nodes(), ring = Math.max(140, 75 * fresh.length / (2 * Math.PI));
                    const occupied = placed.map(n => n.position()), steps = Math.max(16, 2 * fresh.length);
                    fresh.forEach(n => {
                      let best = null, widest = -1;
                      for (let k = 0; k < steps; k++) {
                        const angle = 2 * Math.PI * k / steps;
                        const p = { x: cx + ring * Math.cos(angle), y: cyy + ring * Math.sin(angle) };
                        const gap = occupied.reduce((m, q) => Math.min(m, Math.hypot(p.x - q.x, p.y - q.y)), Infinity);
                        if (gap > widest) { widest = gap; best = p; }
                      }
                      n.position(best);
                      occupied.push(best);
                    });
                  } else if (added.nodes().nonempty()) {
                    cy.layout({ name: 'cose', animate: false, nodeRepulsion: () => 6000 }).run();
                  }
                  el.fitAll();
                  // What a test or benchmark reads: how long adding and laying out took, until the next frame.
                  requestAnimationFrame(() => {
                    el.lastDrawMillis = performance.now() - started;
                    el.firstPaintAt = el.firstPaintAt || performance.now();
                  });
                });
                """, elements, near == null ? "" : near.toString(), placement.name());
    }

    /** Marks the given nodes and the edges between them as a path. */
    void highlight(List<String> ids) {
        mark("path", ids);
    }

    /** Marks the nodes of a finding and the edges between them as the evidence. */
    void highlightEvidence(Collection<NodeRef> refs) {
        mark("evidence", refs.stream().map(NodeRef::toString).toList());
    }

    private void mark(String className, List<String> ids) {
        getElement().executeJs("""
                const ids = $0, cls = $1;
                this.whenReady(cy => {
                  cy.elements().removeClass(cls);
                  ids.forEach(id => cy.getElementById(id).addClass(cls));
                  cy.edges().filter(e => ids.includes(e.source().id()) && ids.includes(e.target().id())).addClass(cls);
                  this.fitAll();
                });
                """, ids, className);
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

    /** Saves the whole picture as a PNG through the browser. */
    void exportPng() {
        getElement().executeJs("this.whenReady(() => this.save(this.pngDataUrl(), 'network.png'));");
    }

    /** Saves the whole picture as an SVG through the browser. */
    void exportSvg() {
        getElement()
                .executeJs("this.whenReady(() => this.save(URL.createObjectURL("
                        + "new Blob([this.svg()], { type: 'image/svg+xml' })), 'network.svg'));");
    }

    /** What is drawn, as GraphML. */
    byte[] graphml() {
        return GraphExport.graphml(List.copyOf(nodes.values()), List.copyOf(edges.values()));
    }

    /** What is drawn, as JSON. */
    byte[] json() {
        return GraphExport.json(List.copyOf(nodes.values()), List.copyOf(edges.values()));
    }

    /** The name of a drawn node, or its key when it is not drawn. */
    String caption(NodeRef ref) {
        var node = nodes.get(ref.toString());
        return node == null ? ref.key() : node.caption();
    }

    int nodeCount() {
        return nodes.size();
    }

    void onTap(Consumer<NodeRef> listener) {
        this.onTap = listener;
    }

    void onEdgeTap(Consumer<GraphEdge> listener) {
        this.onEdgeTap = listener;
    }

    private static String edgeId(GraphEdge edge) {
        return edge.source() + "|" + edge.type() + "|" + edge.target();
    }

    /** From the browser: only ids of nodes this canvas drew are accepted. */
    @ClientCallable
    private void tapped(String id) {
        if (nodes.containsKey(id)) {
            NodeRef.parse(id).ifPresent(onTap);
        }
    }

    /** From the browser: only ids of edges this canvas drew are accepted. */
    @ClientCallable
    private void edgeTapped(String id) {
        var edge = edges.get(id);
        if (edge != null) {
            onEdgeTap.accept(edge);
        }
    }
}
