package customs.risk.ui.survey;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import customs.risk.graph.access.Role;
import customs.risk.survey.service.SurveyException;
import customs.risk.survey.service.SurveyModel.Draft;
import customs.risk.survey.service.SurveyModel.Listing;
import customs.risk.survey.service.SurveyModel.Status;
import customs.risk.survey.service.SurveyService;
import customs.risk.ui.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Administrators define acceptance surveys (one {@code Construct: statement} per line), choose the
 * roles that answer, and open and close them. A survey can be edited until its first answer.
 */
@Route(value = "admin/surveys", layout = MainLayout.class)
@PageTitle("Manage surveys | Customs risk")
@RolesAllowed("ADMIN")
public class SurveyAdminView extends VerticalLayout {

    private static final String EXAMPLE = """
            Information collection: The system gathers the declaration data I need
            Information collection: Data from other agencies reaches me in time
            Coordination: Risk officers and inspectors agree on which consignments to check
            Analysis: The risk scores point me to the consignments that deserve attention
            Dissemination: Inspection results come back to the risk officers quickly
            """;

    private final SurveyService surveys;
    private final String username;
    private final Grid<Listing> grid = new Grid<>();
    private final TextField title = new TextField("Title");
    private final CheckboxGroup<Role> roles = new CheckboxGroup<>("Open to");
    private final Checkbox anonymous = new Checkbox("Anonymous: answers keep no username (set when created)");
    private final TextArea definition = new TextArea("Statements, one \"Construct: statement\" per line");
    private String editing;

    public SurveyAdminView(SurveyService surveys, AuthenticationContext authentication) {
        this.surveys = surveys;
        this.username = authentication.getPrincipalName().orElseThrow();
        setId("survey-admin-view");
        add(new H2("Manage surveys"), editor(), new H3("Surveys"), configureGrid());
        refresh();
    }

    private VerticalLayout editor() {
        title.setId("survey-title");
        title.setWidth("32em");
        roles.setId("survey-roles");
        roles.setItems(Role.values());
        definition.setId("survey-definition");
        definition.setWidthFull();
        definition.setMinHeight("12em");
        definition.setPlaceholder(EXAMPLE);
        var save = new Button("Save", e -> save());
        save.setId("survey-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var clear = new Button("New survey", e -> edit(null, new Draft("", Set.of(), java.util.List.of())));
        clear.setId("survey-new");
        anonymous.setId("survey-anonymous");
        var form = new VerticalLayout(title, roles, anonymous, definition, new HorizontalLayout(save, clear));
        form.setPadding(false);
        return form;
    }

    private Grid<Listing> configureGrid() {
        grid.setId("surveys-grid");
        grid.setAllRowsVisible(true);
        grid.addColumn(Listing::title).setHeader("Survey").setFlexGrow(1);
        grid.addColumn(l -> l.status().name().toLowerCase()).setHeader("Status").setAutoWidth(true);
        grid.addColumn(l -> l.roles().stream().map(Role::name).sorted().collect(Collectors.joining(", ")))
                .setHeader("Open to")
                .setAutoWidth(true);
        grid.addColumn(Listing::statements).setHeader("Statements").setAutoWidth(true);
        grid.addColumn(Listing::answers).setHeader("Answers").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
        return grid;
    }

    private HorizontalLayout actions(Listing listing) {
        var actions = new HorizontalLayout();
        if (listing.answers() == 0 && listing.status() != Status.CLOSED) {
            var edit = new Button("Edit", e -> surveys.survey(listing.id()).ifPresent(s -> edit(s.id(), s.draft())));
            edit.setId("edit-" + listing.id());
            actions.add(edit);
        }
        if (listing.answers() > 0) {
            var changeRoles = new Button("Roles", e -> chooseRoles(listing));
            changeRoles.setId("roles-" + listing.id());
            actions.add(changeRoles);
        }
        if (listing.status() == Status.OPEN) {
            var close = new Button("Close", e -> act(() -> surveys.close(listing.id())));
            close.setId("close-" + listing.id());
            actions.add(close);
        } else {
            var open = new Button("Open", e -> act(() -> surveys.open(listing.id())));
            open.setId("open-" + listing.id());
            actions.add(open);
        }
        var statistics = new Anchor("surveys/" + listing.id() + "/statistics", "Statistics");
        statistics.setId("statistics-" + listing.id());
        actions.add(statistics);
        return actions;
    }

    /** Who may answer a survey that already has answers (its statements are fixed by then). */
    private void chooseRoles(Listing listing) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Open \"" + listing.title() + "\" to");
        var chosen = new CheckboxGroup<Role>();
        chosen.setId("survey-roles-change");
        chosen.setItems(Role.values());
        chosen.setValue(listing.roles());
        var save = new Button("Save", e -> {
            act(() -> surveys.changeRoles(listing.id(), chosen.getValue()));
            dialog.close();
        });
        save.setId("survey-roles-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(
                chosen,
                new com.vaadin.flow.component.html.Paragraph(
                        "The answers given so far stay, whatever roles you choose."));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void edit(String id, Draft draft) {
        editing = id;
        title.setValue(draft.title());
        roles.setValue(draft.roles());
        definition.setValue(draft.asText());
        anonymous.setValue(
                id != null && surveys.survey(id).map(s -> s.anonymous()).orElse(false));
        anonymous.setEnabled(id == null);
    }

    private void save() {
        try {
            var draft = Draft.parse(title.getValue(), roles.getValue(), definition.getValue());
            var saved = editing == null
                    ? surveys.create(username, draft, anonymous.getValue())
                    : surveys.update(editing, draft);
            editing = saved.id();
            anonymous.setEnabled(false);
            Notification.show(
                    "Saved \"" + saved.title() + "\" with " + saved.statements().size() + " statements.");
            refresh();
        } catch (SurveyException e) {
            Notification.show(e.getMessage());
        }
    }

    private void act(Runnable action) {
        try {
            action.run();
        } catch (SurveyException e) {
            Notification.show(e.getMessage());
        }
        refresh();
    }

    private void refresh() {
        grid.setItems(surveys.all());
    }
}
