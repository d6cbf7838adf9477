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

    MainLayout(com.vaadin.flow.spring.security.AuthenticationContext authentication, CaseConversation conversation) {
        this.conversation = conversation;
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
            header.add(spacer, user, logout);
            header.setFlexGrow(1, spacer);
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
        if (casesItem != null) {
            unreadBadge.setId("nav-cases-unread");
            unreadBadge.getElement().getThemeList().addAll(java.util.List.of("badge", "pill", "small", "primary"));
            unreadBadge.getElement().setAttribute("title", "unread messages in your cases");
            unreadBadge.setVisible(false);
            casesItem.setSuffixComponent(unreadBadge);
        }
        item(nav, "Documents", "documents", VaadinIcon.FILE_TEXT);
        item(nav, "New declaration", "entry/declaration", VaadinIcon.FILE_ADD);
        item(nav, "Inspection result", "entry/inspection", VaadinIcon.CHECK_SQUARE_O);
        item(nav, "Upload bundle", "entry/bundle", VaadinIcon.UPLOAD);
        item(nav, "Surveys", "surveys", VaadinIcon.CLIPBOARD_CHECK);
        item(nav, "Manage surveys", "admin/surveys", VaadinIcon.EDIT);
        item(nav, "Users", "admin/users", VaadinIcon.USERS);
        addToDrawer(nav);
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

    /** The unread messages of the user's cases, beside "Cases", counted anew at each navigation. */
    @Override
    public void afterNavigation(AfterNavigationEvent event) {
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
