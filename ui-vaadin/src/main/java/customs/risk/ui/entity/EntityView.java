package customs.risk.ui.entity;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import customs.risk.cases.team.AccountPrincipal;
import customs.risk.documents.filing.DocumentService;
import customs.risk.documents.search.DocumentQuery;
import customs.risk.documents.search.SearchResults;
import customs.risk.engine.explore.EntityService;
import customs.risk.engine.explore.EvidenceService;
import customs.risk.engine.explore.NodeRef;
import customs.risk.engine.resolution.ResolutionService;
import customs.risk.graph.NodeLabel;
import customs.risk.graph.access.Actor;
import customs.risk.ui.MainLayout;
import customs.risk.ui.RiskBadges;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * Entity 360: everything about one company, person or declaration on one page with a URL one can
 * send to a colleague ({@code /entity/Company/476-87-16904}): profile, score with its reasons,
 * declarations, officers and shared identifiers, documents, inspections, and actions.
 */
@Route(value = "entity/:label/:key*", layout = MainLayout.class)
@RolesAllowed({"ADMIN", "RISK_OFFICER", "INVESTIGATOR", "INSPECTOR"})
public class EntityView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final int DECLARATIONS_PAGE = 50;
    /** Entries of each kind the timeline reads. */
    static final int TIMELINE_PER_KIND = 200;

    private final EntityService entities;
    private final EvidenceService evidence;
    private final DocumentService documents;
    private final customs.risk.cases.CaseService cases;
    private final ResolutionService resolution;
    private final customs.risk.cases.alerts.AlertService alerts;
    private final com.vaadin.flow.spring.security.AuthenticationContext authentication;
    private String title = "Entity | Customs risk";

    public EntityView(
            EntityService entities,
            EvidenceService evidence,
            DocumentService documents,
            customs.risk.cases.CaseService cases,
            ResolutionService resolution,
            customs.risk.cases.alerts.AlertService alerts,
            com.vaadin.flow.spring.security.AuthenticationContext authentication) {
        this.alerts = alerts;
        this.entities = entities;
        this.evidence = evidence;
        this.documents = documents;
        this.cases = cases;
        this.resolution = resolution;
        this.authentication = authentication;
        setId("entity-view");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        var params = event.getRouteParameters();
        var ref = NodeRef.parse(
                params.get("label").orElse("") + ":" + params.get("key").orElse(""));
        var profile = ref.flatMap(r -> entities.profile(viewer(), r));
        if (profile.isEmpty()) {
            var missing = new Paragraph("No such entity: " + params.get("label").orElse("") + " "
                    + params.get("key").orElse(""));
            missing.setId("entity-missing");
            add(new H2("Not found"), missing);
            return;
        }
        show(profile.get());
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    private void show(EntityService.Profile profile) {
        var ref = profile.ref();
        title = profile.caption() + " | Customs risk";
        var heading = new H2(profile.caption());
        heading.setId("entity-title");
        var kind = new Span(ref.label() + " " + ref.key());
        kind.getStyle().set("color", "var(--lumo-secondary-text-color)");
        var score = new Span("score " + RiskBadges.score(profile.score()));
        score.setId("entity-score");
        var header = new HorizontalLayout(heading, kind, RiskBadges.lane(profile.lane()), score);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        var findings = evidence.findings(ref);
        add(header, actions(profile, !findings.isEmpty()));

        var reasons = new UnorderedList();
        reasons.setId("entity-reasons");
        for (String reason : profile.reasons()) {
            var item = new ListItem(new Span(reason + " "));
            // A loop or cluster reason opens the subgraph it was read from.
            findings.stream()
                    .filter(f -> reason.contains(f.description()))
                    .findFirst()
                    .ifPresent(f -> {
                        var show = new Anchor("/network?evidence=" + f.id(), "Show the evidence");
                        show.addClassName("reason-evidence");
                        item.add(show);
                    });
            reasons.add(item);
        }
        add(section(
                "Why this score" + (profile.model().isEmpty() ? "" : " (model " + profile.model() + ")"),
                profile.reasons().isEmpty() ? new Paragraph("Nothing stands out.") : reasons));
        add(section("Profile", properties(profile)));
        if (ref.label() == NodeLabel.COMPANY) {
            resolution
                    .partyOf(ref.key())
                    .ifPresent(party -> add(section("One firm, several records", party(ref, party))));
        }
        if (ref.label() == NodeLabel.COMPANY) {
            add(section("Declarations, riskiest first", declarations(ref.key())));
        }
        add(section(
                switch (ref.label()) {
                    case COMPANY -> "Officers and shared identifiers";
                    case PERSON -> "Boards";
                    default -> "Parties";
                },
                links(ref)));
        add(section("Documents", documents(ref, profile.caption())));
        if (ref.label() != NodeLabel.PERSON) {
            add(section("Inspections", inspections(ref)));
        }
        add(section("Timeline", timeline(ref)));
    }

    /**
     * The records entity resolution found to describe the same firm: the party is scored, ranked and
     * drawn as its own record; the others link to it.
     */
    private Component party(NodeRef ref, ResolutionService.Party party) {
        var box = new Div();
        box.setId("entity-party");
        var intro = new Paragraph(
                party.id().equals(ref.key())
                        ? "This record stands for the party: its score, ranking and network take in all "
                                + party.records().size() + " records."
                        : "Scored, ranked and drawn as one party with its record " + party.id() + ".");
        box.add(intro);
        if (!party.id().equals(ref.key())) {
            var open = new Anchor("/entity/Company/" + party.id(), "Open the party's record");
            open.setId("entity-party-record");
            box.add(open);
        }
        var list = new UnorderedList();
        for (var r : party.records()) {
            var item = new ListItem(new Anchor("/entity/Company/" + r.id(), r.name() == null ? r.id() : r.name()));
            var detail = new Span(" " + r.id()
                    + (r.country() == null ? "" : " · " + r.country())
                    + (r.registrationNumber() == null ? "" : " · reg. " + r.registrationNumber())
                    + (r.dissolvedOn() == null ? "" : " · dissolved " + r.dissolvedOn())
                    + (r.id().equals(party.id()) ? " · the party's record" : ""));
            detail.getStyle().set("color", "var(--lumo-secondary-text-color)");
            item.add(detail);
            list.add(item);
        }
        box.add(list);
        if (party.chain()) {
            var chain = new Paragraph("Check this party: some of its records are linked only through others and do"
                    + " not look alike themselves ("
                    + String.join(", ", party.chainPairs()).replace('|', '~') + ").");
            chain.setId("entity-party-chain");
            chain.getStyle().set("color", "var(--lumo-error-text-color)");
            box.add(chain);
        }
        box.add(new Anchor("/resolution", "Review matches"));
        return box;
    }

    /** The entity's history, newest first, with a filter per kind of entry. */
    private Component timeline(NodeRef ref) {
        var kinds = new CheckboxGroup<EntityService.TimelineKind>();
        kinds.setId("timeline-kinds");
        kinds.setItems(EntityService.TimelineKind.values());
        kinds.setItemLabelGenerator(k -> switch (k) {
            case DECLARATION -> "declarations";
            case INSPECTION -> "inspections";
            case DOCUMENT -> "documents";
            case CASE -> "cases";
            case SCORE -> "score changes";
        });
        kinds.setValue(EnumSet.allOf(EntityService.TimelineKind.class));
        var entries = new Div();
        entries.setId("entity-timeline");
        entries.addClassName("timeline");
        Runnable fill = () -> {
            entries.removeAll();
            var selected = kinds.getValue().isEmpty()
                    ? EnumSet.noneOf(EntityService.TimelineKind.class)
                    : EnumSet.copyOf(kinds.getValue());
            var events = entities.timeline(viewer(), ref, selected, TIMELINE_PER_KIND);
            if (events.isEmpty()) {
                entries.add(new Paragraph("Nothing to show."));
            }
            for (var event : events) {
                var when = new Span(event.at().length() > 10 ? event.at().substring(0, 10) : event.at());
                when.addClassName("timeline-date");
                var kind = new Span(event.kind().name().toLowerCase());
                kind.addClassNames("chip", "timeline-" + event.kind().name().toLowerCase());
                Component title = event.link()
                        .<Component>map(link -> link.label() == NodeLabel.CASE
                                ? new Anchor("/cases/" + link.key(), event.title())
                                : link.label() == NodeLabel.DOCUMENT
                                        ? routerIgnored(new Anchor(RiskBadges.documentHref(link.key()), event.title()))
                                        : RiskBadges.link(link, event.title()))
                        .orElseGet(() -> new Span(event.title()));
                var detail = new Span(event.detail());
                detail.addClassName("timeline-detail");
                var line = new Div(when, kind, title, detail);
                line.addClassName("timeline-entry");
                entries.add(line);
            }
        };
        kinds.addValueChangeListener(e -> fill.run());
        fill.run();
        return new Div(kinds, entries);
    }

    private static Anchor routerIgnored(Anchor anchor) {
        anchor.setRouterIgnore(true);
        return anchor;
    }

    private Component actions(EntityService.Profile profile, boolean hasEvidence) {
        var network = new Anchor("/network?focus=" + profile.ref(), "");
        network.add(new Button("Open in network"));
        network.setId("open-network");
        var showEvidence = new Anchor("/network?evidence=" + profile.ref(), "");
        showEvidence.add(new Button("Show the evidence"));
        showEvidence.setId("show-evidence");
        showEvidence.setVisible(hasEvidence);
        var review = new Button("Mark as reviewed", e -> {
            entities.markReviewed(profile.ref(), user());
            Notification.show("Marked as reviewed");
        });
        review.setId("mark-reviewed");
        var openCase = new Button("Open a case", e -> {
            var actor = authentication
                    .getAuthenticatedUser(customs.risk.cases.team.AccountPrincipal.class)
                    .map(customs.risk.cases.team.AccountPrincipal::actor);
            if (actor.isEmpty()) {
                Notification.show("Sign in to open a case");
                return;
            }
            var created = cases.create(
                    actor.get(),
                    "About " + profile.caption(),
                    customs.risk.cases.CaseModel.Priority.MEDIUM,
                    java.util.List.of(profile.ref().toString()),
                    java.util.List.of());
            getUI().ifPresent(ui -> ui.navigate("cases/" + created.id()));
        });
        openCase.setId("open-case");
        openCase.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var row = new HorizontalLayout(network, showEvidence, review, openCase);
        if (profile.ref().label() == customs.risk.graph.NodeLabel.COMPANY
                || profile.ref().label() == customs.risk.graph.NodeLabel.PERSON) {
            row.add(watchButton(profile.ref().toString()));
        }
        var label = profile.ref().label();
        if ((label == customs.risk.graph.NodeLabel.COMPANY || label == customs.risk.graph.NodeLabel.DECLARATION)
                && authentication.hasAnyRole("ADMIN", "RISK_OFFICER", "INVESTIGATOR")) {
            var ask = new Anchor(
                    "/requests?" + (label == customs.risk.graph.NodeLabel.COMPANY ? "company=" : "declaration=")
                            + java.net.URLEncoder.encode(profile.ref().key(), java.nio.charset.StandardCharsets.UTF_8),
                    "");
            ask.add(new Button("Ask the trader", VaadinIcon.COMMENTS_O.create()));
            ask.setId("ask-trader");
            row.add(ask);
        }
        if (!profile.reviewed().isEmpty()) {
            row.add(new Span("reviewed by " + profile.reviewed()));
        }
        return row;
    }

    /** Watch / Stop watching: alerts about this company (its whole firm) or person from now on. */
    private Component watchButton(String entity) {
        var watch = new Button();
        watch.setId("watch-entity");
        Runnable show = () -> {
            boolean watching = alerts.watching(viewer(), entity).isPresent();
            watch.setText(watching ? "Watching: stop" : "Watch");
            watch.setIcon(VaadinIcon.EYE.create());
            watch.getElement()
                    .setAttribute(
                            "title",
                            watching
                                    ? "You get alerts about it; click to stop"
                                    : "Get alerts on its new declarations, documents, control links, merges and red lane");
        };
        watch.addClickListener(e -> {
            var existing = alerts.watching(viewer(), entity);
            if (existing.isPresent()) {
                alerts.unwatch(viewer(), existing.get().id());
                Notification.show("No longer watching " + entity);
            } else {
                alerts.watch(viewer(), customs.risk.cases.alerts.Watch.Request.entity(entity));
                Notification.show("Watching: alerts come to the bell (mail and thresholds under Watches)");
            }
            show.run();
        });
        show.run();
        return watch;
    }

    private static Component properties(EntityService.Profile profile) {
        var list = new Div();
        list.setId("entity-properties");
        profile.properties().forEach((k, v) -> {
            var line = new Div(new Span(k + ": "), new Span(v));
            line.getStyle().set("font-size", "var(--lumo-font-size-s)");
            list.add(line);
        });
        return list;
    }

    private Component declarations(String companyId) {
        var grid = new Grid<EntityService.DeclarationRow>();
        grid.setId("entity-declarations");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addComponentColumn(d -> RiskBadges.link(new NodeRef(NodeLabel.DECLARATION, d.id()), d.id()))
                .setHeader("Declaration")
                .setAutoWidth(true);
        grid.addColumn(EntityService.DeclarationRow::filedOn).setHeader("Filed").setAutoWidth(true);
        grid.addColumn(EntityService.DeclarationRow::role).setHeader("Role").setAutoWidth(true);
        grid.addColumn(EntityService.DeclarationRow::hsCode).setHeader("HS").setAutoWidth(true);
        grid.addComponentColumn(d -> {
                    if (d.counterpart().isEmpty()) {
                        return new Span();
                    }
                    var link = RiskBadges.link(new NodeRef(NodeLabel.COMPANY, d.counterpart()), d.counterpartName());
                    link.setTitle(d.counterpart());
                    return link;
                })
                .setHeader("Counterpart")
                .setAutoWidth(true);
        grid.addColumn(d -> Double.isNaN(d.valueUsd()) ? "" : String.format("%,.0f", d.valueUsd()))
                .setHeader("USD");
        grid.addColumn(d -> RiskBadges.score(d.score())).setHeader("Score");
        grid.addComponentColumn(d -> RiskBadges.lane(d.lane())).setHeader("Lane");
        grid.addColumn(EntityService.DeclarationRow::firstReason)
                .setHeader("Main reason")
                .setFlexGrow(1);
        grid.setItems(query -> entities.declarations(companyId, query.getOffset(), query.getLimit()).stream());
        grid.setHeight("320px");
        return grid;
    }

    private Component links(NodeRef ref) {
        var rows = entities.links(ref);
        var list = new UnorderedList();
        list.setId("entity-links");
        for (var link : rows) {
            var item = new ListItem(
                    RiskBadges.link(link.ref(), link.caption()),
                    new Span(" " + link.detail() + " "),
                    RiskBadges.lane(link.lane()));
            list.add(item);
        }
        return rows.isEmpty() ? new Paragraph("None.") : list;
    }

    private Component documents(NodeRef ref, String caption) {
        var box = new Div();
        box.setId("entity-documents");
        try {
            SearchResults linked = switch (ref.label()) {
                case COMPANY ->
                    documents.search(
                            viewer(),
                            new DocumentQuery("", Set.of(), Set.of(ref.key()), Set.of(), null, null, null, 0, 20));
                case DECLARATION ->
                    documents.search(
                            viewer(),
                            new DocumentQuery("", Set.of(), Set.of(), Set.of(ref.key()), null, null, null, 0, 20));
                default -> new SearchResults(0, List.of(), List.of(), List.of(), List.of());
            };
            var shown = new LinkedHashMap<String, SearchResults.Hit>();
            linked.hits().forEach(h -> shown.put(h.documentId(), h));
            if (ref.label() == NodeLabel.COMPANY) {
                documents
                        .mentioning(viewer(), ref.key(), 0, 20)
                        .ifPresent(m -> m.hits().forEach(h -> shown.putIfAbsent(h.documentId(), h)));
            }
            if (shown.isEmpty()) {
                box.add(new Paragraph("No documents filed by or mentioning " + caption + "."));
            }
            for (var hit : shown.values()) {
                var file = new Anchor(
                        RiskBadges.documentHref(hit.documentId()),
                        hit.title().isBlank() ? hit.documentId() : hit.title());
                file.setRouterIgnore(true);
                var line = new Div(
                        file,
                        new Span(" " + hit.docType() + (hit.filedOn() == null ? "" : ", filed " + hit.filedOn())),
                        new Span(linkedTo(hit, ref) ? "" : " (mentions it; filed by someone else)"));
                box.add(line);
            }
        } catch (IOException | RuntimeException e) {
            box.add(new Paragraph("Document search is unavailable: " + e.getMessage()));
        }
        return box;
    }

    private static boolean linkedTo(SearchResults.Hit hit, NodeRef ref) {
        return hit.companyIds().contains(ref.key()) || hit.declarationIds().contains(ref.key());
    }

    private Component inspections(NodeRef ref) {
        var rows = entities.inspections(ref, 100);
        if (rows.isEmpty()) {
            return new Paragraph("No inspections.");
        }
        var grid = new Grid<EntityService.InspectionRow>();
        grid.setId("entity-inspections");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(EntityService.InspectionRow::declarationId).setHeader("Declaration");
        grid.addColumn(EntityService.InspectionRow::inspectedOn).setHeader("Inspected");
        grid.addColumn(EntityService.InspectionRow::outcome).setHeader("Outcome");
        grid.addColumn(EntityService.InspectionRow::violationType).setHeader("Violation");
        grid.addColumn(i -> String.format("%,.0f", i.revenueRecovered())).setHeader("Recovered");
        grid.addColumn(EntityService.InspectionRow::inspector).setHeader("Inspector");
        grid.setItems(rows);
        grid.setAllRowsVisible(rows.size() <= 10);
        return grid;
    }

    private static Component section(String heading, Component content) {
        var section = new Div(new H3(heading), content);
        section.addClassName("section");
        section.setWidthFull();
        return section;
    }

    private Actor viewer() {
        return authentication
                .getAuthenticatedUser(AccountPrincipal.class)
                .map(AccountPrincipal::actor)
                .orElseThrow();
    }

    private static String user() {
        var request = VaadinServletRequest.getCurrent();
        return request == null || request.getUserPrincipal() == null
                ? "anonymous"
                : request.getUserPrincipal().getName();
    }
}
