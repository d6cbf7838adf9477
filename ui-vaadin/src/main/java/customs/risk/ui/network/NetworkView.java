package customs.risk.ui.network;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import customs.risk.cases.team.AccountPrincipal;
import customs.risk.engine.explore.NetworkService;
import customs.risk.engine.explore.NodeRef;
import customs.risk.graph.access.Actor;
import customs.risk.ui.MainLayout;
import customs.risk.ui.RiskBadges;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashMap;
import java.util.Map;

/**
 * The investigator's network explorer: start from any entity ({@code /network?focus=Company:ID}),
 * expand its neighbours by relationship type a capped page at a time, see loops and clusters
 * highlighted, find the shortest chain of trade and control links between two entities, switch
 * layouts and save the picture.
 */
@Route(value = "network", layout = MainLayout.class)
@PageTitle("Network | Customs risk")
@RolesAllowed({"ADMIN", "RISK_OFFICER", "INVESTIGATOR"})
public class NetworkView extends HorizontalLayout implements BeforeEnterObserver {

    private final NetworkService network;
    private final NetworkGraph graph = new NetworkGraph();
    private final VerticalLayout details = new VerticalLayout();
    /** Next offset per expansion (node, type, direction), for "more". */
    private final Map<String, Integer> nextOffset = new HashMap<>();

    private final Actor viewer;

    public NetworkView(NetworkService network, AuthenticationContext authentication) {
        this.network = network;
        this.viewer = authentication
                .getAuthenticatedUser(AccountPrincipal.class)
                .map(AccountPrincipal::actor)
                .orElseThrow();
        setId("network-view");
        setSizeFull();

        var start = entityPicker("Start from", "network-start");
        start.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                graph.clear();
                nextOffset.clear();
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
        layout.addValueChangeListener(e -> graph.layout(e.getValue()));
        var png = new Button("Export PNG", e -> graph.exportPng());
        png.setId("export-png");
        var legend = new Paragraph("Red, yellow, green: lane. Orange ring: in a trade loop. Dashed purple ring: in a"
                + " shell cluster. Blue halo: under investigation (an open case). Tap a node to expand it.");
        legend.getStyle().set("font-size", "var(--lumo-font-size-xs)");

        details.setId("network-details");
        details.setPadding(false);
        var side = new VerticalLayout(
                new H2("Network"),
                start,
                details,
                new H4("Shortest path"),
                pathFrom,
                pathTo,
                findPath,
                layout,
                png,
                legend);
        side.setWidth("24em");
        side.setMinWidth("24em");
        side.getStyle().set("flex-shrink", "0");
        side.getStyle().set("overflow", "auto");
        graph.setHeightFull();
        add(side, graph);
        setFlexGrow(1, graph);
        graph.onTap(this::select);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation()
                .getQueryParameters()
                .getSingleParameter("focus")
                .flatMap(NodeRef::parse)
                .ifPresent(this::focus);
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

    private void focus(NodeRef ref) {
        network.node(viewer, ref)
                .ifPresentOrElse(
                        node -> {
                            graph.add(java.util.List.of(node), java.util.List.of(), null);
                            select(ref);
                        },
                        () -> Notification.show("No such entity: " + ref));
    }

    /** Shows a node's neighbour counts with a button to expand each. */
    private void select(NodeRef ref) {
        details.removeAll();
        var node = network.node(viewer, ref);
        if (node.isEmpty()) {
            return;
        }
        var title = new Span(node.get().caption());
        title.setId("selected-node");
        title.getStyle().set("font-weight", "600");
        details.add(
                new HorizontalLayout(title, RiskBadges.lane(node.get().lane())),
                RiskBadges.link(ref, "Open entity page"));
        for (var degree : network.degrees(viewer, ref)) {
            String key = ref + "|" + degree.type() + "|" + degree.outgoing();
            int offset = nextOffset.getOrDefault(key, 0);
            long left = degree.count() - offset;
            var expand = new Button(
                    String.format(
                            "%s %s (%,d%s)",
                            degree.outgoing() ? "→" : "←",
                            degree.type(),
                            degree.count(),
                            offset > 0 ? ", " + offset + " shown" : ""),
                    e -> expand(ref, degree, key));
            expand.setId("expand-" + degree.type() + (degree.outgoing() ? "-out" : "-in"));
            expand.addThemeVariants(ButtonVariant.LUMO_SMALL);
            expand.setEnabled(left > 0);
            details.add(expand);
        }
        details.add(new Div(new Span(graph.nodeCount() + " nodes on the canvas")));
    }

    private void expand(NodeRef ref, NetworkService.Degree degree, String key) {
        int offset = nextOffset.getOrDefault(key, 0);
        var page = network.expand(viewer, ref, degree.type(), degree.outgoing(), offset, NetworkService.PAGE_DEFAULT);
        nextOffset.put(key, offset + page.nodes().size());
        graph.add(page.nodes(), page.edges(), ref);
        if (page.more()) {
            Notification.show(String.format(
                    "Showing %,d of %,d %s neighbours; press again for the next %d",
                    offset + page.nodes().size(), page.total(), degree.type(), NetworkService.PAGE_DEFAULT));
        }
        select(ref);
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
