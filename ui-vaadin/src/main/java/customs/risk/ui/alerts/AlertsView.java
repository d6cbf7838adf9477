package customs.risk.ui.alerts;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import customs.risk.cases.alerts.Alert;
import customs.risk.cases.alerts.AlertService;
import customs.risk.cases.team.AccountPrincipal;
import customs.risk.graph.access.Actor;
import customs.risk.ui.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The notification centre: the user's alerts in groups (one kind of change about one party, or one
 * saved filter or search), newest first, unread ones marked; each alert says what changed and links
 * to the evidence. New alerts appear as they are found.
 */
@Route(value = "alerts", layout = MainLayout.class)
@PageTitle("Alerts | Customs risk")
@RolesAllowed({"ADMIN", "RISK_OFFICER", "INVESTIGATOR", "INSPECTOR"})
public class AlertsView extends VerticalLayout {

    static final int GROUPS = 100;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final AlertService alerts;
    private final Actor actor;
    private final Div groups = new Div();
    private final Checkbox unreadOnly = new Checkbox("Unread only");
    private AlertService.Subscription subscription;

    public AlertsView(AlertService alerts, AuthenticationContext authentication) {
        this.alerts = alerts;
        this.actor = authentication
                .getAuthenticatedUser(AccountPrincipal.class)
                .map(AccountPrincipal::actor)
                .orElseThrow();
        setId("alerts-view");
        var acknowledgeAll = new Button("Acknowledge all", e -> {
            alerts.acknowledge(actor, null);
            refresh();
        });
        acknowledgeAll.setId("alerts-ack-all");
        unreadOnly.setId("alerts-unread-only");
        unreadOnly.addValueChangeListener(e -> refresh());
        var watches = new Anchor("/watches", "What I watch, mute and mail");
        watches.setId("alerts-watches");
        var bar = new HorizontalLayout(unreadOnly, acknowledgeAll, watches);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        groups.setId("alert-groups");
        groups.setWidthFull();
        add(
                new H2("Alerts"),
                new Paragraph("What changed in what you watch: companies and people, saved declaration filters and "
                        + "document searches, and what your open cases are about. Alerts of one kind about one "
                        + "party come as one group."),
                bar,
                groups);
        refresh();
    }

    private void refresh() {
        groups.removeAll();
        var found = alerts.groups(actor, unreadOnly.getValue(), 0, GROUPS);
        if (found.isEmpty()) {
            var none = new Paragraph(
                    unreadOnly.getValue()
                            ? "No unread alerts."
                            : "No alerts yet. Watch a company or person from its page, a declaration filter from the "
                                    + "risk ranking or a search from the documents page.");
            none.setId("alerts-none");
            groups.add(none);
            return;
        }
        found.forEach(g -> groups.add(group(g)));
    }

    private Component group(Alert.Group g) {
        var headline = new Span(g.headline());
        headline.getStyle().set("font-weight", g.unread() > 0 ? "600" : "normal");
        var kind = new Span(g.kind().plural());
        kind.getElement().getThemeList().add("badge contrast small");
        var when = new Span(TIME.format(g.latest()));
        when.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        var summary = new HorizontalLayout(kind, headline, when);
        summary.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        if (g.unread() > 0) {
            var unread = new Span(g.unread() + " unread");
            unread.getElement().getThemeList().add("badge primary small");
            summary.add(unread);
        }
        var list = new VerticalLayout();
        list.setPadding(false);
        list.setSpacing(false);
        int shown = 0;
        for (Alert a : g.alerts()) {
            for (var change : a.items()) {
                var link = new Anchor(change.link(), change.title());
                link.addClassName("alert-link");
                var detail = new Div(new Span(change.detail()));
                detail.getStyle()
                        .set("color", "var(--lumo-secondary-text-color)")
                        .set("font-size", "var(--lumo-font-size-s)");
                var item = new Div(new Div(link), detail);
                item.addClassName("alert");
                item.getStyle().set("margin-bottom", "var(--lumo-space-s)");
                if (!a.acknowledged()) {
                    item.getStyle()
                            .set("border-left", "3px solid var(--lumo-primary-color)")
                            .set("padding-left", "var(--lumo-space-s)");
                }
                list.add(item);
                shown++;
            }
        }
        if (g.count() > shown) {
            list.add(new Span("... and " + (g.count() - shown) + " more"));
        }
        if (g.unread() > 0) {
            var acknowledge = new Button("Acknowledge", e -> {
                alerts.acknowledge(actor, g.group());
                refresh();
            });
            acknowledge.addThemeVariants(ButtonVariant.LUMO_SMALL);
            acknowledge.addClassName("alert-ack");
            list.add(acknowledge);
        }
        var details = new Details(summary, list);
        details.setOpened(g.unread() > 0);
        details.addClassName("alert-group");
        details.setWidthFull();
        return details;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        var ui = event.getUI();
        subscription = alerts.subscribe(actor.username(), unread -> ui.access(this::refresh));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }
}
