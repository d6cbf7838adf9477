package customs.risk.ui.cases;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.spring.security.AuthenticationContext;
import customs.risk.cases.CaseAttachments;
import customs.risk.cases.CaseBroadcaster;
import customs.risk.cases.CaseConversation;
import customs.risk.cases.CaseException;
import customs.risk.cases.CaseModel;
import customs.risk.cases.CaseModel.Changes;
import customs.risk.cases.CaseModel.Priority;
import customs.risk.cases.CaseModel.Status;
import customs.risk.cases.CaseService;
import customs.risk.cases.report.CaseReport;
import customs.risk.cases.report.EvidenceGraphs;
import customs.risk.cases.team.AccountPrincipal;
import customs.risk.documents.filing.DocumentService;
import customs.risk.engine.explore.NodeRef;
import customs.risk.graph.access.Actor;
import customs.risk.ui.MainLayout;
import customs.risk.ui.RiskBadges;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * One case: its state and team, what it is about, the live conversation and the timeline. Every
 * member can change the case here (status with the outcome when closing, priority, owner, team,
 * links, notes); each change is a timeline event, written by {@link CaseService}, and shows at once
 * in every open view of the case.
 */
@Route(value = "cases/:id", layout = MainLayout.class)
@RolesAllowed({"ADMIN", "RISK_OFFICER", "INVESTIGATOR", "INSPECTOR"})
public class CaseView extends VerticalLayout implements BeforeEnterObserver {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final CaseService cases;
    private final CaseConversation conversation;
    private final CaseAttachments attachments;
    private final CaseBroadcaster broadcaster;
    private final CaseReport report;
    private final EvidenceGraphs evidenceGraphs;
    private final long maxFileBytes;
    private final Actor actor;
    private final Div summary = new Div();
    private final Div manage = new Div();
    private final Div timeline = new Div();
    private String caseId;
    private boolean open;
    private boolean managing;
    private CaseBroadcaster.Subscription changes;
    private final customs.risk.cases.requests.InformationRequests requests;
    private final customs.risk.cases.team.UserAccount account;

    public CaseView(
            CaseService cases,
            CaseConversation conversation,
            CaseAttachments attachments,
            CaseBroadcaster broadcaster,
            CaseReport report,
            EvidenceGraphs evidenceGraphs,
            DocumentService documents,
            customs.risk.cases.requests.InformationRequests requests,
            AuthenticationContext authentication) {
        this.requests = requests;
        this.cases = cases;
        this.conversation = conversation;
        this.attachments = attachments;
        this.broadcaster = broadcaster;
        this.report = report;
        this.evidenceGraphs = evidenceGraphs;
        this.maxFileBytes = documents.maxDocumentBytes();
        this.account = authentication
                .getAuthenticatedUser(AccountPrincipal.class)
                .map(AccountPrincipal::account)
                .orElseThrow();
        this.actor = account.actor();
        setId("case-view");
        summary.setWidthFull();
        manage.setWidthFull();
        timeline.setId("case-timeline");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        caseId = event.getRouteParameters().get("id").orElse("");
        CaseModel.CaseDetails view;
        try {
            view = cases.get(actor, caseId);
        } catch (CaseException e) {
            var missing = new Paragraph("No case " + caseId + " that you may see.");
            missing.setId("case-missing");
            add(new H2("Not found"), missing);
            caseId = null;
            return;
        }
        build(view);
        // Moving from one case to another in the same view: follow the new one.
        getUI().filter(ui -> isAttached()).ifPresent(this::watch);
    }

    private void build(CaseModel.CaseDetails view) {
        removeAll();
        open = view.status() != Status.CLOSED;
        render(view);
        add(
                summary,
                manage,
                section(
                        "Conversation",
                        new ConversationPanel(
                                conversation, attachments, broadcaster, actor, caseId, team(view), open, maxFileBytes)),
                section("Timeline", timeline));
        traderRequests().ifPresent(this::add);
    }

    /**
     * The requests for information about what the case investigates, each thread inside (the trader
     * never sees the case); none for who may not follow requests up.
     */
    private java.util.Optional<Div> traderRequests() {
        if (account.roles().stream().noneMatch(customs.risk.cases.requests.InformationRequests.ASKERS::contains)) {
            return java.util.Optional.empty();
        }
        var asked = requests.forCase(actor, caseId);
        var content = new VerticalLayout();
        content.setPadding(false);
        content.setId("case-requests");
        for (var request : asked) {
            var thread = new Details(
                    request.id() + " · " + request.status().name().toLowerCase() + " · "
                            + (request.declarationId() == null
                                    ? request.companyId()
                                    : request.declarationId() + " (" + request.companyId() + ")"),
                    new customs.risk.ui.requests.RequestThreadPanel(requests, account, request.id(), maxFileBytes));
            thread.setWidthFull();
            content.add(thread);
        }
        var ask = new com.vaadin.flow.component.html.Anchor("requests", "Ask a trader about a declaration or company");
        ask.setId("case-ask-trader");
        content.add(
                asked.isEmpty()
                        ? new Paragraph("No request to a trader about what this case investigates.")
                        : new Span(),
                ask);
        return java.util.Optional.of(section("Requests to traders", content));
    }

    /** Draws everything but the conversation, which keeps itself up to date. */
    private void render(CaseModel.CaseDetails view) {
        summary.removeAll();
        var title = new H2(view.title());
        title.setId("case-title");
        var facts = new Paragraph(String.format(
                "%s%s · %s priority · owner %s · members %s",
                label(view.status()),
                view.outcome() == null ? "" : " (" + view.outcome() + ")",
                label(view.priority()),
                view.owner(),
                view.members().isEmpty() ? "none" : String.join(", ", view.members())));
        facts.setId("case-facts");
        summary.add(title, facts, reportLink(view.id()), section("About", about(view)));

        manage.removeAll();
        var details = new Details(
                "Manage the case", new VerticalLayout(stateForm(view), teamForm(view), linkForm(), noteForm()));
        details.setId("case-manage");
        details.setOpened(managing);
        details.addOpenedChangeListener(e -> managing = e.isOpened());
        manage.add(details);

        timeline.removeAll();
        cases.timeline(actor, caseId)
                .forEach(e -> timeline.add(new Div(new Span(TIME.format(e.at()) + " "
                        + e.actor() + " "
                        + e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + (e.detail() == null || e.detail().isEmpty() ? "" : ": " + e.detail())))));
    }

    /**
     * Downloads the case report, written when clicked (so it holds the case as it is then) and
     * whole before it is sent, each entity with the evidence behind its loop and cluster reasons.
     */
    private Anchor reportLink(String id) {
        var link = new Anchor(
                DownloadHandler.fromInputStream(event -> {
                    var pdf = new ByteArrayOutputStream();
                    try {
                        report.write(actor, id, evidenceGraphs.seenBy(actor), pdf);
                    } catch (CaseException e) {
                        return DownloadResponse.error(404, "no case " + id + " that you may see");
                    } catch (IOException e) {
                        return DownloadResponse.error(500, "cannot write the report");
                    }
                    return new DownloadResponse(
                            new ByteArrayInputStream(pdf.toByteArray()),
                            id + "-report.pdf",
                            "application/pdf",
                            pdf.size());
                }),
                AttachmentType.DOWNLOAD,
                "");
        link.setId("case-report");
        link.add(new Button("Case report (PDF)"));
        return link;
    }

    private Div about(CaseModel.CaseDetails view) {
        var about = new Div();
        about.setId("case-links");
        for (String link : view.links()) {
            NodeRef.parse(link).ifPresent(ref -> {
                // A company or person reads by name (its kind and id in the tooltip), the rest by id.
                String name = view.linkNames().get(link);
                var anchor = RiskBadges.link(ref, name == null ? link : name);
                anchor.setTitle(link);
                anchor.addClassName("case-link");
                var row = new Div(anchor);
                var unlink = new Button("Unlink", e -> change(() -> cases.unlink(actor, caseId, link)));
                unlink.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
                unlink.addClassName("case-unlink");
                row.add(new Span(" "), unlink);
                about.add(row);
            });
        }
        if (view.links().isEmpty()) {
            about.add(new Span("Nothing linked yet."));
        }
        return about;
    }

    private Component stateForm(CaseModel.CaseDetails view) {
        var title = new TextField("Title");
        title.setId("case-edit-title");
        title.setValue(view.title());
        title.setWidth("24em");
        var status = new Select<Status>();
        status.setId("case-status");
        status.setLabel("Status");
        status.setItems(Status.values());
        status.setItemLabelGenerator(CaseView::label);
        status.setValue(view.status());
        var outcome = new TextField("Outcome (when closing)");
        outcome.setId("case-outcome");
        outcome.setWidth("20em");
        outcome.setVisible(false);
        status.addValueChangeListener(
                e -> outcome.setVisible(e.getValue() == Status.CLOSED && view.status() != Status.CLOSED));
        var priority = new Select<Priority>();
        priority.setId("case-priority");
        priority.setLabel("Priority");
        priority.setItems(Priority.values());
        priority.setItemLabelGenerator(CaseView::label);
        priority.setValue(view.priority());
        var owner = new ComboBox<String>("Owner");
        owner.setId("case-owner");
        owner.setItems(team(view));
        owner.setValue(view.owner());
        var save = new Button(
                "Save",
                e -> change(() -> cases.update(
                        actor,
                        caseId,
                        new Changes(
                                title.getValue(),
                                status.getValue(),
                                status.getValue() == Status.CLOSED && outcome.isVisible() ? outcome.getValue() : null,
                                priority.getValue(),
                                owner.getValue()))));
        save.setId("case-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        return row(title, status, outcome, priority, owner, save);
    }

    private Component teamForm(CaseModel.CaseDetails view) {
        var members = new HorizontalLayout();
        members.setId("case-members");
        for (String member : view.members()) {
            var remove = new Button(member + " ✕", e -> change(() -> cases.removeMember(actor, caseId, member)));
            remove.addThemeVariants(ButtonVariant.LUMO_SMALL);
            remove.addClassName("case-remove-member");
            remove.setTooltipText("Remove " + member + " from the case");
            members.add(remove);
        }
        var username = new TextField("Add a member (username)");
        username.setId("case-new-member");
        var add = new Button("Add member", e -> change(() -> cases.addMember(actor, caseId, username.getValue())));
        add.setId("case-add-member");
        return row(members, username, add);
    }

    private Component linkForm() {
        var entity = new TextField("Link (Company:ID, Person:ID, Declaration:ID or Document:ID)");
        entity.setId("case-new-link");
        entity.setWidth("26em");
        var link = new Button("Link", e -> change(() -> cases.link(actor, caseId, entity.getValue())));
        link.setId("case-link");
        return row(entity, link);
    }

    private Component noteForm() {
        var note = new TextArea("Note for the timeline");
        note.setId("case-note");
        note.setWidth("32em");
        var add = new Button(
                "Add note",
                e -> change(() -> {
                    cases.addNote(actor, caseId, note.getValue());
                    return cases.get(actor, caseId);
                }));
        add.setId("case-add-note");
        return row(note, add);
    }

    /** Applies a change and redraws. */
    private void change(Supplier<CaseModel.CaseDetails> action) {
        try {
            redraw(action.get());
        } catch (CaseException | IllegalArgumentException e) {
            Notification.show(e.getMessage());
        }
    }

    /** Redraws the case; closing or reopening also redraws the conversation (writable or not). */
    private void redraw(CaseModel.CaseDetails view) {
        if ((view.status() != Status.CLOSED) != open) {
            build(view);
        } else {
            render(view);
        }
    }

    /** A colleague changed the case: read it anew; a user taken off the case no longer sees it. */
    private void refresh() {
        try {
            redraw(cases.get(actor, caseId));
        } catch (CaseException e) {
            removeAll();
            var gone = new Paragraph("You are no longer on case " + caseId + ".");
            gone.setId("case-missing");
            add(new H2("Not found"), gone);
            caseId = null;
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        watch(event.getUI());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        unwatch();
    }

    /** Follows the changes of the case shown. */
    private void watch(UI ui) {
        unwatch();
        if (caseId == null) {
            return;
        }
        String watched = caseId;
        changes = broadcaster.subscribeChanges(
                watched,
                () -> ui.access(() -> {
                    if (watched.equals(caseId)) {
                        refresh();
                    }
                }));
    }

    private void unwatch() {
        if (changes != null) {
            changes.close();
            changes = null;
        }
    }

    private static List<String> team(CaseModel.CaseDetails view) {
        var team = new ArrayList<String>();
        if (view.owner() != null) {
            team.add(view.owner());
        }
        view.members().stream().filter(m -> !team.contains(m)).forEach(team::add);
        return team;
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static HorizontalLayout row(Component... parts) {
        var row = new HorizontalLayout(parts);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        row.getStyle().set("flex-wrap", "wrap");
        return row;
    }

    private static Div section(String heading, Component content) {
        var section = new Div(new H3(heading), content);
        section.addClassName("section");
        section.setWidthFull();
        return section;
    }
}
