package customs.risk.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import customs.risk.cases.CaseConversation;
import customs.risk.cases.CaseModel;
import customs.risk.cases.team.AccountPrincipal;
import customs.risk.graph.access.Actor;
import java.util.Map;

/**
 * The frame of every view: navigation that shows only the views the user may open, and a global
 * search box for entities and documents. Any signed-in user may see the frame; each view states
 * its own roles.
 */
@jakarta.annotation.security.PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final AccessAnnotationChecker access = new AccessAnnotationChecker();
    private final CaseConversation conversation;
    /** The signed-in user, for the unread count; null without one. */
    private final Actor actor;

    private final Span unreadBadge = new Span();
    private SideNavItem casesItem;
    private final customs.risk.cases.alerts.AlertService alerts;
    private final Span alertCount = new Span();
    /** The bell, for users who get alerts; null for the others. */
    private com.vaadin.flow.component.button.Button bell;

    private customs.risk.cases.alerts.AlertService.Subscription alertSubscription;
    private long shownAlerts;

    MainLayout(
            com.vaadin.flow.spring.security.AuthenticationContext authentication,
            CaseConversation conversation,
            customs.risk.cases.alerts.AlertService alerts) {
        this.conversation = conversation;
        this.alerts = alerts;
        this.actor = authentication
                .getAuthenticatedUser(AccountPrincipal.class)
                .map(AccountPrincipal::actor)
                .orElse(null);
        var title = new H1("Customs risk");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
        var search = new TextField();
        search.setId("global-search");
        search.setPlaceholder("Find a company, person, declaration or document");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setWidth("28em");
        search.addKeyPressListener(Key.ENTER, e -> {
            if (!search.getValue().isBlank()) {
                getUI().ifPresent(ui -> ui.navigate("search", QueryParameters.simple(Map.of("q", search.getValue()))));
            }
        });
        var header = new HorizontalLayout(new DrawerToggle(), title);
        // Traders may not search other companies' data.
        if (!authentication.hasRole("TRADER")) {
            header.add(search);
        }
        authentication.getPrincipalName().ifPresent(name -> {
            var user = new com.vaadin.flow.component.html.Anchor("/account", name);
            user.setId("current-user");
            user.setTitle("My account: e-mail, notifications, password");
            var logout = new com.vaadin.flow.component.button.Button("Log out", e -> authentication.logout());
            logout.setId("logout");
            var spacer = new com.vaadin.flow.component.html.Div();
            header.add(spacer);
            header.setFlexGrow(1, spacer);
            var alertsView = RouteConfiguration.forSessionScope().getRoute("alerts");
            if (actor != null && alertsView.isPresent() && allowed(alertsView.get())) {
                header.add(bell());
            }
            header.add(user, logout);
        });
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.setWidthFull();
        header.getStyle().set("padding", "0 var(--lumo-space-m)");
        addToNavbar(header);

        var nav = new SideNav();
        nav.setId("main-nav");
        item(nav, "Overview", "", VaadinIcon.HOME);
        item(nav, "Risk ranking", "ranking", VaadinIcon.BAR_CHART);
        item(nav, "Network", "network", VaadinIcon.CLUSTER);
        item(nav, "Entity resolution", "resolution", VaadinIcon.CONNECT);
        casesItem = item(nav, "Cases", "cases", VaadinIcon.FOLDER_OPEN);
        item(nav, "Alerts", "alerts", VaadinIcon.BELL);
        item(nav, "Watches", "watches", VaadinIcon.EYE);
        if (casesItem != null) {
            unreadBadge.setId("nav-cases-unread");
            unreadBadge.getElement().getThemeList().addAll(java.util.List.of("badge", "pill", "small", "primary"));
            unreadBadge.getElement().setAttribute("title", "unread messages in your cases");
            unreadBadge.setVisible(false);
            casesItem.setSuffixComponent(unreadBadge);
        }
        item(nav, "Requests", "requests", VaadinIcon.COMMENTS_O);
        item(nav, "Documents", "documents", VaadinIcon.FILE_TEXT);
        item(nav, "New declaration", "entry/declaration", VaadinIcon.FILE_ADD);
        item(nav, "Inspection result", "entry/inspection", VaadinIcon.CHECK_SQUARE_O);
        item(nav, "Upload bundle", "entry/bundle", VaadinIcon.UPLOAD);
        item(nav, "Surveys", "surveys", VaadinIcon.CLIPBOARD_CHECK);
        item(nav, "Manage surveys", "admin/surveys", VaadinIcon.EDIT);
        item(nav, "Users", "admin/users", VaadinIcon.USERS);
        addToDrawer(nav);
    }

    /** The bell: the user's unread alerts, counted live; a click opens the notification centre. */
    private com.vaadin.flow.component.Component bell() {
        bell = new com.vaadin.flow.component.button.Button(VaadinIcon.BELL.create());
        bell.setId("alerts-bell");
        bell.addThemeVariants(com.vaadin.flow.component.button.ButtonVariant.LUMO_TERTIARY);
        bell.getElement().setAttribute("aria-label", "Alerts");
        bell.getElement().setAttribute("title", "Alerts: what changed in what you watch");
        bell.addClickListener(e -> bell.getUI().ifPresent(ui -> ui.navigate("alerts")));
        alertCount.setId("alerts-unread");
        alertCount.getElement().getThemeList().addAll(java.util.List.of("badge", "pill", "small", "error", "primary"));
        bell.setSuffixComponent(alertCount);
        // Counted at each navigation (afterNavigation), the first one included.
        alertCount.setVisible(false);
        return bell;
    }

    private void showAlerts(long unread) {
        alertCount.setText(Long.toString(unread));
        alertCount.setVisible(unread > 0);
        shownAlerts = unread;
    }

    @Override
    protected void onAttach(com.vaadin.flow.component.AttachEvent event) {
        super.onAttach(event);
        if (bell == null) {
            return;
        }
        var ui = event.getUI();
        alertSubscription = alerts.subscribe(
                actor.username(),
                unread -> ui.access(() -> {
                    if (unread > shownAlerts) {
                        var note = com.vaadin.flow.component.notification.Notification.show(
                                (unread - shownAlerts == 1 ? "A new alert" : (unread - shownAlerts) + " new alerts")
                                        + ": open the bell to see what changed",
                                5_000,
                                com.vaadin.flow.component.notification.Notification.Position.BOTTOM_END);
                        note.setId("alerts-toast");
                    }
                    showAlerts(unread);
                }));
    }

    @Override
    protected void onDetach(com.vaadin.flow.component.DetachEvent event) {
        if (alertSubscription != null) {
            alertSubscription.close();
            alertSubscription = null;
        }
        super.onDetach(event);
    }

    /** Adds a link to the view at {@code path} when it exists and the user may open it. */
    private SideNavItem item(SideNav nav, String label, String path, VaadinIcon icon) {
        var target = RouteConfiguration.forSessionScope().getRoute(path);
        if (target.isEmpty() || !allowed(target.get())) {
            return null;
        }
        var item = new SideNavItem(label, "/" + path, icon.create());
        item.setId("nav-" + (path.isEmpty() ? "overview" : path.replace('/', '-')));
        nav.addItem(item);
        return item;
    }

    /** The unread alerts beside the bell, and the unread messages of the user's cases beside "Cases", counted anew at each navigation. */
    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        if (bell != null) {
            showAlerts(alerts.unread(actor));
        }
        if (casesItem == null || actor == null) {
            return;
        }
        long unread = conversation.unread(actor).stream()
                .mapToLong(CaseModel.Unread::unread)
                .sum();
        unreadBadge.setText(Long.toString(unread));
        unreadBadge.setVisible(unread > 0);
    }

    private boolean allowed(Class<?> view) {
        var request = VaadinServletRequest.getCurrent();
        // Without a signed-in user (no security configured) every view is open.
        return request == null
                || request.getUserPrincipal() == null
                || access.hasAccess(view, request.getHttpServletRequest());
    }
}
