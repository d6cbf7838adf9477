package customs.risk.ui.alerts;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import customs.risk.cases.alerts.AlertService;
import customs.risk.cases.alerts.Watch;
import customs.risk.cases.team.AccountPrincipal;
import customs.risk.engine.ranking.Lane;
import customs.risk.graph.access.Actor;
import customs.risk.ui.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Locale;

/**
 * What the user watches: mute, choose how each watch mails, set a company's threshold, stop
 * watching; and how alert mail comes by default.
 */
@Route(value = "watches", layout = MainLayout.class)
@PageTitle("Watches | Customs risk")
@RolesAllowed({"ADMIN", "RISK_OFFICER", "INVESTIGATOR", "INSPECTOR"})
public class WatchesView extends VerticalLayout {

    private final AlertService alerts;
    private final Actor actor;
    private final Grid<Watch> grid = new Grid<>();

    public WatchesView(AlertService alerts, AuthenticationContext authentication) {
        this.alerts = alerts;
        this.actor = authentication
                .getAuthenticatedUser(AccountPrincipal.class)
                .map(AccountPrincipal::actor)
                .orElseThrow();
        setId("watches-view");
        setSizeFull();
        var mail = new Select<Watch.Mail>();
        mail.setId("alert-mail-default");
        mail.setLabel("Alert e-mail, unless a watch says otherwise");
        mail.setItems(Watch.Mail.OFF, Watch.Mail.IMMEDIATE, Watch.Mail.DIGEST);
        mail.setItemLabelGenerator(WatchesView::mailLabel);
        mail.setValue(alerts.mailChoice(actor.username()));
        mail.setWidth("22em");
        mail.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                alerts.setMailChoice(actor.username(), e.getValue());
                Notification.show("Alert e-mail: " + mailLabel(e.getValue()));
            }
        });
        grid.setId("watches-grid");
        grid.addColumn(Watch::label).setHeader("Watching").setFlexGrow(3).setAutoWidth(true);
        grid.addColumn(WatchesView::what).setHeader("What").setAutoWidth(true);
        grid.addComponentColumn(this::threshold).setHeader("Alert when").setAutoWidth(true);
        grid.addComponentColumn(this::mailOf).setHeader("E-mail").setAutoWidth(true);
        grid.addComponentColumn(this::muted).setHeader("Muted").setAutoWidth(true);
        grid.addComponentColumn(this::remove).setHeader("").setAutoWidth(true);
        grid.setSizeFull();
        add(
                new H2("Watches"),
                new Paragraph("Alerts come for new declarations, documents, control links and merged records of a "
                        + "watched company or person, for its lane reaching the threshold, and for new hits of a "
                        + "saved filter or search. The team of an open case follows what the case is about."),
                mail,
                grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(alerts.watches(actor));
    }

    private static String what(Watch w) {
        return switch (w.kind()) {
            case ENTITY -> (w.caseId() == null ? "" : "case " + w.caseId() + ": ") + w.entity();
            case FILTER -> "declaration filter";
            case SEARCH -> "document search \"" + w.search().text() + "\"";
        };
    }

    private Component threshold(Watch w) {
        if (w.kind() != Watch.Kind.ENTITY || !w.entity().startsWith("Company:")) {
            return new Span(w.kind() == Watch.Kind.ENTITY ? "anything changes" : "new hits");
        }
        var lane = new Select<Lane>();
        lane.setItems(Lane.RED, Lane.YELLOW);
        lane.setItemLabelGenerator(l -> "lane " + l.name().toLowerCase(Locale.ROOT) + " or worse");
        lane.setValue(w.laneAtLeast() == null ? Lane.RED : w.laneAtLeast());
        lane.addClassName("watch-threshold");
        lane.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                alerts.change(actor, w.id(), null, null, e.getValue(), null);
            }
        });
        return lane;
    }

    private Component mailOf(Watch w) {
        var mail = new Select<Watch.Mail>();
        mail.setItems(List.of(Watch.Mail.values()));
        mail.setItemLabelGenerator(WatchesView::mailLabel);
        mail.setValue(w.mail());
        mail.addClassName("watch-mail");
        mail.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                alerts.change(actor, w.id(), null, e.getValue(), null, null);
            }
        });
        return mail;
    }

    private Component muted(Watch w) {
        var muted = new Checkbox(w.muted());
        muted.addClassName("watch-muted");
        muted.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                alerts.change(actor, w.id(), e.getValue(), null, null, null);
                Notification.show(e.getValue() ? "Muted: " + w.label() : "Unmuted: " + w.label());
            }
        });
        return muted;
    }

    private Component remove(Watch w) {
        if (w.caseId() != null) {
            return new Anchor("/cases/" + w.caseId(), "the case");
        }
        var stop = new Button("Stop watching", e -> {
            alerts.unwatch(actor, w.id());
            refresh();
        });
        stop.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        stop.addClassName("watch-remove");
        return stop;
    }

    static String mailLabel(Watch.Mail mail) {
        return switch (mail) {
            case ACCOUNT -> "as my account says";
            case OFF -> "no e-mail";
            case IMMEDIATE -> "at once";
            case DIGEST -> "daily digest";
        };
    }
}
