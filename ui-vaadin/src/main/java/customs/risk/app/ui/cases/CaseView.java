package customs.risk.app.ui.cases;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import customs.risk.app.cases.Actor;
import customs.risk.app.cases.CaseBroadcaster;
import customs.risk.app.cases.CaseException;
import customs.risk.app.cases.CaseModel;
import customs.risk.app.cases.CaseService;
import customs.risk.app.explore.NodeRef;
import customs.risk.app.security.AccountPrincipal;
import customs.risk.app.ui.MainLayout;
import customs.risk.app.ui.RiskBadges;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One case: its team, what it is about, its timeline, and the conversation, delivered live (server
 * push) to every member who has the case open. Messages are shown once each, in sequence order:
 * the view remembers what it shows by message id and, when it comes back after a dropped
 * connection, fetches what it missed from the store.
 */
@Route(value = "cases/:id", layout = MainLayout.class)
@RolesAllowed({"ADMIN", "RISK_OFFICER", "INVESTIGATOR", "INSPECTOR"})
public class CaseView extends VerticalLayout implements BeforeEnterObserver {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final CaseService cases;
    private final CaseBroadcaster broadcaster;
    private final Actor actor;
    private final Div conversation = new Div();
    private final Map<String, Div> shown = new LinkedHashMap<>();
    private String caseId;
    private long lastSeq;
    private AutoCloseable subscription;
    /** One id per message being written: a retried send is recognised and stored once. */
    private String draftId = UUID.randomUUID().toString();

    public CaseView(CaseService cases, CaseBroadcaster broadcaster, AuthenticationContext authentication) {
        this.cases = cases;
        this.broadcaster = broadcaster;
        this.actor = authentication.getAuthenticatedUser(AccountPrincipal.class).map(Actor::of).orElseThrow();
        setId("case-view");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        shown.clear();
        conversation.removeAll();
        lastSeq = 0;
        caseId = event.getRouteParameters().get("id").orElse("");
        CaseModel.CaseView view;
        try {
            view = cases.get(actor, caseId);
        } catch (CaseException e) {
            var missing = new Paragraph("No case " + caseId + " that you may see.");
            missing.setId("case-missing");
            add(new H2("Not found"), missing);
            caseId = null;
            return;
        }
        var title = new H2(view.title());
        title.setId("case-title");
        var facts = new Paragraph(String.format("%s · %s priority · owner %s · members %s", view.status().name()
                .toLowerCase(), view.priority().name().toLowerCase(), view.owner(), String.join(", ", view.members())));
        facts.setId("case-facts");
        var about = new Div();
        about.setId("case-links");
        view.links().forEach(l -> NodeRef.parse(l).ifPresent(ref -> about.add(new Div(RiskBadges.link(ref, l)))));
        var timeline = new Div();
        timeline.setId("case-timeline");
        cases.timeline(actor, caseId).forEach(e -> timeline.add(new Div(new Span(TIME.format(e.at()) + " " + e.actor()
                + " " + e.kind().name().toLowerCase().replace('_', ' ') + (e.detail() == null ? "" : ": " + e.detail())))));

        conversation.setId("case-messages");
        conversation.getStyle().set("max-height", "420px").set("overflow", "auto");
        var input = new TextArea("Message (@name to mention)");
        input.setId("message-input");
        input.setWidthFull();
        var send = new Button("Send", e -> send(input));
        send.setId("message-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(title, facts, section("About", about), section("Conversation", new VerticalLayout(conversation, input,
                send)), section("Timeline", timeline));
        fetchMissed();
    }

    private void send(TextArea input) {
        try {
            var posted = cases.post(actor, caseId, input.getValue(), draftId);
            draftId = UUID.randomUUID().toString();
            input.clear();
            show(posted.message());
        } catch (CaseException | IllegalArgumentException e) {
            Notification.show(e.getMessage());
        }
    }

    /** Loads the messages after the newest one shown: first all, after a reconnect what was missed. */
    private void fetchMissed() {
        if (caseId == null) {
            return;
        }
        cases.messages(actor, caseId, lastSeq, 500).forEach(this::show);
    }

    private void show(CaseModel.Message message) {
        if (shown.containsKey(message.id())) {
            return;
        }
        var line = new Div(new Span(TIME.format(message.createdAt()) + " "), bold(message.author()),
                new Span(": " + (message.deleted() ? "(deleted)" : message.text())));
        for (var attachment : message.attachments()) {
            String href = RiskBadges.documentHref(attachment.documentId());
            if (attachment.inline()) {
                var image = new com.vaadin.flow.component.html.Image(href, attachment.fileName());
                image.setMaxWidth("320px");
                line.add(new Div(image));
            } else {
                var file = new com.vaadin.flow.component.html.Anchor(href, "📎 " + attachment.fileName());
                file.setRouterIgnore(true);
                line.add(new Div(file));
            }
        }
        line.addClassName("case-message");
        line.getElement().setAttribute("data-seq", Long.toString(message.seq()));
        shown.put(message.id(), line);
        conversation.add(line);
        lastSeq = Math.max(lastSeq, message.seq());
        conversation.getElement().executeJs("this.scrollTop = this.scrollHeight");
    }

    private static Span bold(String text) {
        var span = new Span(text);
        span.getStyle().set("font-weight", "600");
        return span;
    }

    private static Div section(String heading, com.vaadin.flow.component.Component content) {
        var section = new Div(new H3(heading), content);
        section.addClassName("section");
        section.setWidthFull();
        return section;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        if (caseId == null) {
            return;
        }
        UI ui = event.getUI();
        String subscribed = caseId;
        subscription = broadcaster.subscribe(subscribed, message -> ui.access(() -> {
            if (!subscribed.equals(caseId)) {
                return;
            }
            if (message.seq() > lastSeq + 1) {
                fetchMissed(); // a gap: take everything in order from the store
            } else {
                show(message);
            }
        }));
        // Anything stored between the first load and the subscription.
        fetchMissed();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                // Closing a subscription only removes a listener.
            }
            subscription = null;
        }
    }
}
