package customs.risk.ui.cases;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import customs.risk.cases.CaseConversation;
import customs.risk.cases.CaseException;
import customs.risk.cases.CaseModel;
import customs.risk.cases.CaseService;
import customs.risk.cases.team.AccountPrincipal;
import customs.risk.ui.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * The user's cases with their unread messages, and a form to open a new one; administrators may
 * list every case instead.
 */
@Route(value = "cases", layout = MainLayout.class)
@PageTitle("Cases | Customs risk")
@RolesAllowed({"ADMIN", "RISK_OFFICER", "INVESTIGATOR", "INSPECTOR"})
public class CasesView extends VerticalLayout {

    public CasesView(CaseService cases, CaseConversation conversation, AuthenticationContext authentication) {
        setId("cases-view");
        var actor = authentication
                .getAuthenticatedUser(AccountPrincipal.class)
                .map(AccountPrincipal::actor)
                .orElseThrow();
        var unread = new HashMap<String, Long>();
        conversation.unread(actor).forEach(u -> unread.put(u.caseId(), u.unread()));

        var grid = new Grid<CaseModel.CaseDetails>();
        grid.setId("cases-grid");
        grid.addComponentColumn(c -> new Anchor("/cases/" + c.id(), c.id()))
                .setHeader("Case")
                .setAutoWidth(true);
        grid.addColumn(CaseModel.CaseDetails::title).setHeader("Title").setFlexGrow(1);
        grid.addColumn(c -> c.status().name().toLowerCase()).setHeader("Status");
        grid.addColumn(c -> c.priority().name().toLowerCase()).setHeader("Priority");
        grid.addColumn(CaseModel.CaseDetails::owner).setHeader("Owner");
        grid.addColumn(c -> unread.getOrDefault(c.id(), 0L)).setHeader("Unread");
        grid.setItems(cases.mine(actor));
        var all = new Checkbox("Every case (administrator)");
        all.setId("cases-all");
        all.setVisible(actor.admin());
        all.addValueChangeListener(e -> {
            if (e.getValue()) {
                grid.setItems(query -> cases.all(actor, query.getOffset(), query.getLimit()).stream(), query ->
                        (int) cases.countAll(actor));
            } else {
                grid.setItems(cases.mine(actor));
            }
        });

        var title = new TextField("Title");
        title.setId("new-case-title");
        title.setWidth("24em");
        var priority = new Select<CaseModel.Priority>();
        priority.setId("new-case-priority");
        priority.setLabel("Priority");
        priority.setItems(CaseModel.Priority.values());
        priority.setValue(CaseModel.Priority.MEDIUM);
        var members = new TextField("Members (usernames, comma-separated)");
        members.setId("new-case-members");
        members.setWidth("20em");
        var open = new Button("Open case", e -> {
            try {
                List<String> names = Arrays.stream(members.getValue().split(","))
                        .map(String::strip)
                        .filter(n -> !n.isEmpty())
                        .toList();
                var created = cases.create(actor, title.getValue(), priority.getValue(), List.of(), names);
                getUI().ifPresent(ui -> ui.navigate("cases/" + created.id()));
            } catch (CaseException | IllegalArgumentException ex) {
                Notification.show(ex.getMessage());
            }
        });
        open.setId("new-case-open");
        open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new HorizontalLayout(title, priority, members, open);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(new H2("Cases"), form, all, grid);
    }
}
