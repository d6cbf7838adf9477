package customs.risk.ui.network;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.spring.security.AuthenticationContext;
import customs.risk.cases.team.AccountPrincipal;
import customs.risk.engine.explore.EntityService;
import customs.risk.engine.explore.EvidenceService;
import customs.risk.engine.explore.NetworkService;
import customs.risk.engine.explore.NetworkService.GraphEdge;
import customs.risk.engine.explore.NodeRef;
import customs.risk.graph.NodeLabel;
import customs.risk.graph.access.Actor;
import customs.risk.ui.MainLayout;
import customs.risk.ui.RiskBadges;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The investigator's network explorer at the level of companies and people: start from any entity
 * ({@code /network?focus=Company:ID}), expand its trade partners (one aggregated edge per direction)
 * and control links (officers, shared addresses, phones, e-mails) a capped page at a time, open the
 * declarations behind a trade edge, and draw the evidence behind a loop or cluster reason
 * ({@code /network?evidence=FINDING} or {@code ?evidence=Company:ID} for all of a company's). The
 * records behind an entity (declarations, documents, offices) stay one click away. Exports the
 * picture as PNG or SVG and the network as GraphML or JSON.
 */
@Route(value = "network", layout = MainLayout.class)
@PageTitle("Network | Customs risk")
@RolesAllowed({"ADMIN", "RISK_OFFICER", "INVESTIGATOR"})
public class NetworkView extends HorizontalLayout implements BeforeEnterObserver {

    /** Declarations listed for a selected trade edge. */
    static final int EDGE_DECLARATIONS = 20;

    private final NetworkService network;
    private final EvidenceService evidence;
    private final EntityService entities;
    private final NetworkGraph graph = new NetworkGraph();
    private final VerticalLayout details = new VerticalLayout();
    private final VerticalLayout evidencePanel = new VerticalLayout();
    /** Next offset per expansion (node and what is expanded), for "more". */
    private final Map<String, Integer> nextOffset = new HashMap<>();

    private final Actor viewer;

    public NetworkView(
            NetworkService network,
            EvidenceService evidence,
            EntityService entities,
            AuthenticationContext authentication) {
        this.network = network;
        this.evidence = evidence;
        this.entities = entities;
        this.viewer = authentication
                .getAuthenticatedUser(AccountPrincipal.class)
                .map(AccountPrincipal::actor)
                .orElseThrow();
        setId("network-view");
        setSizeFull();

        var start = entityPicker("Start from", "network-start");
        start.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                clear();
                focus(e.getValue().ref());
            }
        });
        var pathFrom = entityPicker("Path from", "path-from");
        var pathTo = entityPicker("Path to", "path-to");
        var findPath = new Button("Shortest path", e -> {
            if (pathFrom.getValue() == null || pathTo.getValue() == null) {
                Notification.show("Pick both ends first");
                return;
            }
            showPath(pathFrom.getValue().ref(), pathTo.getValue().ref());
        });
        findPath.setId("find-path");
        var layout = new Select<String>();
        layout.setId("network-layout");
        layout.setLabel("Layout");
        layout.setItems("cose", "breadthfirst", "concentric", "circle", "grid");
        layout.setValue("cose");
        layout.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                graph.layout(e.getValue());
            }
        });
        var legend = new Paragraph("Red, yellow, green: lane. Orange ring: in a trade loop. Dashed purple ring: in a"
                + " shell cluster. Blue halo: under investigation (an open case). Grey arrows: trade, as thick as"
                + " its declarations are many; dashed purple: control (officer, shared address, phone or e-mail)."
                + " Orange: the evidence shown. Tap a node to expand it, an edge for what it stands for.");
        legend.getStyle().set("font-size", "var(--lumo-font-size-xs)");

        details.setId("network-details");
        details.setPadding(false);
        evidencePanel.setId("network-evidence");
        evidencePanel.setPadding(false);
        evidencePanel.setVisible(false);
        var side = new VerticalLayout(
                new H2("Network"),
                start,
                evidencePanel,
                details,
                new H4("Shortest path"),
                pathFrom,
                pathTo,
                findPath,
                layout,
                exports(),
                legend);
        side.setWidth("26em");
        side.setMinWidth("26em");
        side.getStyle().set("flex-shrink", "0");
        side.getStyle().set("overflow", "auto");
        graph.setHeightFull();
        add(side, graph);
        setFlexGrow(1, graph);
        graph.onTap(this::select);
        graph.onEdgeTap(this::selectEdge);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters();
        parameters.getSingleParameter("focus").flatMap(NodeRef::parse).ifPresent(this::focus);
        parameters.getSingleParameter("evidence").ifPresent(wanted -> {
            var kind = parameters.getSingleParameter("kind").orElse("");
            NodeRef.parse(wanted)
                    .ifPresentOrElse(ref -> showEvidenceOf(ref, kind), () -> showEvidence(List.of(wanted), null));
        });
    }

    private Component exports() {
        var png = new Button("PNG", e -> graph.exportPng());
        png.setId("export-png");
        var svg = new Button("SVG", e -> graph.exportSvg());
        svg.setId("export-svg");
        var row = new HorizontalLayout(
                new Span("Export"),
                png,
                svg,
                download("GraphML", "export-graphml", "network.graphml", "application/graphml+xml", graph::graphml),
                download("JSON", "export-json", "network.json", "application/json", graph::json));
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        row.setSpacing(false);
        row.getStyle().set("gap", "var(--lumo-space-xs)").set("flex-wrap", "wrap");
        row.getChildren()
                .filter(Button.class::isInstance)
                .forEach(b -> ((Button) b).addThemeVariants(ButtonVariant.LUMO_SMALL));
        return row;
    }

    private static Anchor download(String text, String id, String file, String type, Supplier<byte[]> bytes) {
        var anchor = new Anchor(
                DownloadHandler.fromInputStream(event -> {
                    byte[] content = bytes.get();
                    return new DownloadResponse(new ByteArrayInputStream(content), file, type, content.length);
                }),
                "");
        anchor.setId(id);
        var button = new Button(text);
        button.addThemeVariants(ButtonVariant.LUMO_SMALL);
        anchor.add(button);
        return anchor;
    }

    private ComboBox<NetworkService.GraphNode> entityPicker(String label, String id) {
        var box = new ComboBox<NetworkService.GraphNode>(label);
        box.setId(id);
        box.setWidthFull();
        box.setItemLabelGenerator(n -> n.caption() + " (" + n.ref() + ")");
        box.setItems(query -> network.find(query.getFilter().orElse(""), query.getLimit()).stream()
                .skip(query.getOffset() == 0 ? 0 : Long.MAX_VALUE));
        return box;
    }

    private void clear() {
        graph.clear();
        nextOffset.clear();
        evidencePanel.removeAll();
        evidencePanel.setVisible(false);
    }

    private void focus(NodeRef ref) {
        network.node(viewer, ref)
                .ifPresentOrElse(
                        node -> {
                            graph.add(List.of(node), List.of(), null);
                            select(ref);
                        },
                        () -> Notification.show("No such entity: " + ref));
    }

    /** Shows what a node leads to, with a button for each kind of expansion. */
    private void select(NodeRef ref) {
        details.removeAll();
        var node = network.node(viewer, ref);
        if (node.isEmpty()) {
            return;
        }
        var title = new Span(node.get().caption());
        title.setId("selected-node");
        title.setTitle(ref.toString());
        title.getStyle().set("font-weight", "600");
        var id = new Span(ref.toString());
        id.setId("selected-node-id");
        id.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        var copy = new Button("Copy id");
        copy.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        copy.getElement()
                .executeJs("this.addEventListener('click', () => navigator.clipboard.writeText($0))", ref.key());
        var idLine = new HorizontalLayout(id, copy);
        idLine.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        details.add(
                new HorizontalLayout(title, RiskBadges.lane(node.get().lane())),
                idLine,
                RiskBadges.link(ref, "Open entity page"));
        for (var finding : evidence.findings(ref)) {
            var show = new Button(
                    "Show the evidence: " + (finding.loop() ? "loop" : "cluster") + " of "
                            + finding.companies().size() + " companies",
                    e -> showEvidence(List.of(finding.id()), ref));
            show.addClassName("show-evidence");
            show.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
            show.setTooltipText(finding.description());
            details.add(show);
        }
        boolean entity = ref.label() == NodeLabel.COMPANY || ref.label() == NodeLabel.PERSON;
        if (entity) {
            var degrees = network.entityDegrees(viewer, ref);
            if (ref.label() == NodeLabel.COMPANY) {
                details.add(expandButton(
                        ref,
                        "partners",
                        "Trade partners",
                        degrees.partners(),
                        (offset, limit) -> network.partners(viewer, ref, offset, limit)));
            }
            details.add(expandButton(
                    ref,
                    "controls",
                    ref.label() == NodeLabel.PERSON ? "Boards" : "Officers and shared identifiers",
                    degrees.controls(),
                    (offset, limit) -> network.controls(viewer, ref, offset, limit)));
        }
        var records = new VerticalLayout();
        records.setPadding(false);
        records.setSpacing(false);
        for (var degree : network.degrees(viewer, ref)) {
            records.add(expandButton(
                    ref,
                    degree.type() + (degree.outgoing() ? "-out" : "-in"),
                    (degree.outgoing() ? "→ " : "← ") + degree.type(),
                    degree.count(),
                    (offset, limit) -> network.expand(viewer, ref, degree.type(), degree.outgoing(), offset, limit)));
        }
        if (entity) {
            var more = new Details("Records (declarations, documents, places)", records);
            more.setId("network-records");
            details.add(more);
        } else {
            details.add(records);
        }
        details.add(new Div(new Span(graph.nodeCount() + " nodes on the canvas")));
    }

    /** A page of an expansion, by offset and limit. */
    private interface Pager {
        NetworkService.Expansion page(int offset, int limit);
    }

    private Button expandButton(NodeRef ref, String what, String text, long count, Pager pager) {
        String key = ref + "|" + what;
        int offset = nextOffset.getOrDefault(key, 0);
        var expand = new Button(
                String.format("%s (%,d%s)", text, count, offset > 0 ? ", " + offset + " shown" : ""),
                e -> expand(ref, key, text, pager));
        expand.setId("expand-" + what);
        expand.addThemeVariants(ButtonVariant.LUMO_SMALL);
        expand.setEnabled(count - offset > 0);
        return expand;
    }

    private void expand(NodeRef ref, String key, String text, Pager pager) {
        int offset = nextOffset.getOrDefault(key, 0);
        var page = pager.page(offset, NetworkService.PAGE_DEFAULT);
        nextOffset.put(key, offset + page.nodes().size());
        graph.add(page.nodes(), page.edges(), ref);
        if (page.more()) {
            Notification.show(String.format(
                    "Showing %,d of %,d (%s); press again for the next %d",
                    offset + page.nodes().size(), page.total(), text, NetworkService.PAGE_DEFAULT));
        }
        select(ref);
    }

    /** What an edge stands for: a trade edge lists its declarations, newest first. */
    private void selectEdge(GraphEdge edge) {
        details.removeAll();
        var heading = new Span(graph.caption(edge.source()) + " → " + graph.caption(edge.target()));
        heading.setId("selected-edge");
        heading.getStyle().set("font-weight", "600");
        details.add(heading, new Span(edge.label()));
        if (!edge.type().equals("TRADE")) {
            return;
        }
        var p = edge.properties();
        details.add(new Span(String.format(
                "%s declarations, USD %,.0f, HS %s, %s to %s",
                p.get("declarations"),
                ((Number) p.getOrDefault("valueUsd", 0.0)).doubleValue(),
                p.getOrDefault("hsHeadings", "?"),
                p.getOrDefault("firstFiled", "?"),
                p.getOrDefault("lastFiled", "?"))));
        var list = new Div();
        list.setId("edge-declarations");
        for (var row :
                entities.declarationsBetween(edge.source().key(), edge.target().key(), 0, EDGE_DECLARATIONS)) {
            var line = new Div(
                    RiskBadges.link(new NodeRef(NodeLabel.DECLARATION, row.id()), row.id()),
                    new Span(String.format(" %s, HS %s, USD %,.0f ", row.filedOn(), row.hsCode(), row.valueUsd())),
                    RiskBadges.lane(row.lane()));
            line.getStyle().set("font-size", "var(--lumo-font-size-s)");
            list.add(line);
        }
        details.add(list);
    }

    private String caption(NodeRef ref) {
        return network.node(viewer, ref).map(NetworkService.GraphNode::caption).orElse(ref.key());
    }

    /** All the findings behind an entity's reasons, or those of one kind ({@code loop}, {@code cluster}). */
    private void showEvidenceOf(NodeRef ref, String kind) {
        var ids = evidence.findings(ref).stream()
                .filter(f -> kind.isBlank() || f.kind().equals(kind))
                .map(EvidenceService.Finding::id)
                .toList();
        if (ids.isEmpty()) {
            Notification.show("The last scoring found no loop or cluster around " + caption(ref));
            focus(ref);
            return;
        }
        showEvidence(ids, ref);
    }

    /** Draws the subgraphs of the given findings, highlighted, and lists their legs or shared identifiers. */
    private void showEvidence(List<String> findingIds, NodeRef selected) {
        evidencePanel.removeAll();
        evidencePanel.setVisible(true);
        evidencePanel.add(new H4("Evidence"));
        var members = new java.util.LinkedHashSet<NodeRef>();
        for (String id : findingIds) {
            var drawn = evidence.evidence(viewer, id);
            if (drawn.isEmpty()) {
                evidencePanel.add(new Paragraph(
                        "No finding " + id + " in the last scoring; rescoring may have" + " changed what was found."));
                continue;
            }
            var found = drawn.get();
            boolean first = graph.nodeCount() == 0;
            graph.add(
                    found.nodes(),
                    found.edges(),
                    selected,
                    !first
                            ? NetworkGraph.Placement.AROUND
                            : found.finding().loop()
                                    ? NetworkGraph.Placement.CIRCLE
                                    : NetworkGraph.Placement.CONCENTRIC);
            found.nodes().forEach(n -> members.add(n.ref()));
            evidencePanel.add(describe(found));
        }
        graph.highlightEvidence(members);
        if (selected != null) {
            select(selected);
        }
    }

    private Component describe(EvidenceService.Evidence found) {
        var box = new Div();
        box.addClassName("evidence-finding");
        var description = new Paragraph(found.finding().description());
        description.getStyle().set("font-size", "var(--lumo-font-size-s)");
        box.add(description);
        var names = new HashMap<String, String>();
        found.nodes().forEach(n -> names.put(n.ref().toString(), n.caption()));
        var list = new OrderedList();
        list.getStyle().set("font-size", "var(--lumo-font-size-s)").set("padding-left", "1.2em");
        for (var leg : found.legs()) {
            String from = names.getOrDefault(leg.from().toString(), leg.from().key());
            String to = names.getOrDefault(leg.to().toString(), leg.to().key());
            list.add(new ListItem(
                    leg.declarations() > 0
                            ? String.format(
                                    "%s → %s: %d declarations, %s to %s, quantity %,.0f, USD %,.0f",
                                    from,
                                    to,
                                    leg.declarations(),
                                    leg.firstFiled(),
                                    leg.lastFiled(),
                                    leg.quantity(),
                                    leg.valueUsd())
                            : String.format("%s → %s: handed over inside one control (%s)", from, to, leg.control())));
        }
        for (var tie : found.ties()) {
            list.add(new ListItem(tie.caption() + ": shared by "
                    + String.join(
                            ", ",
                            tie.companies().stream()
                                    .map(c -> names.getOrDefault(c.toString(), c.key()))
                                    .toList())));
        }
        box.add(list);
        return box;
    }

    private void showPath(NodeRef from, NodeRef to) {
        network.shortestPath(viewer, from, to, 6)
                .ifPresentOrElse(
                        path -> {
                            graph.add(path.nodes(), path.edges(), null);
                            graph.highlight(path.nodes().stream()
                                    .map(n -> n.ref().toString())
                                    .toList());
                            Notification.show("Path of " + (path.nodes().size() - 1) + " links");
                        },
                        () -> Notification.show("No chain of trade, control or filing links of up to 6 steps"));
    }
}
