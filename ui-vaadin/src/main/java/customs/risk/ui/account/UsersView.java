package customs.risk.ui.account;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import customs.risk.cases.team.InvalidAccountException;
import customs.risk.cases.team.UserAccount;
import customs.risk.cases.team.UserAccounts;
import customs.risk.cases.team.UserAdministration;
import customs.risk.graph.access.Role;
import customs.risk.ui.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code /admin/users}: the users, a form to create one, and for the selected user buttons to
 * disable or enable it, change its roles (and a trader's company) or set a new password. Every rule
 * is {@link UserAccounts}'s; its refusals show beside the field they concern.
 */
@Route(value = "admin/users", layout = MainLayout.class)
@PageTitle("Users | Customs risk engine")
@RolesAllowed("ADMIN")
class UsersView extends VerticalLayout {

    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final UserAccounts accounts;
    private final UserAdministration administration;
    private final String admin;
    private final Grid<UserAccount> grid = new Grid<>();
    private final Span status = new Span();

    private final TextField username = new TextField("Username");
    private final PasswordField password = new PasswordField("Password");
    private final CheckboxGroup<Role> roles = new CheckboxGroup<>("Roles");
    private final TextField company = new TextField("Company id (traders)");

    private final Button toggleEnabled = new Button("Disable");
    private final CheckboxGroup<Role> editRoles = new CheckboxGroup<>("Roles of the selected user");
    private final TextField editCompany = new TextField("Company id (traders)");
    private final PasswordField editPassword = new PasswordField("New password");
    private final VerticalLayout selectedActions = new VerticalLayout();

    UsersView(UserAccounts accounts, UserAdministration administration, AuthenticationContext authentication) {
        this.accounts = accounts;
        this.administration = administration;
        this.admin = authentication.getPrincipalName().orElseThrow();
        setId("users-view");
        status.setId("users-status");
        add(new H1("Users"), status, configureGrid(), createForm(), selectedUserActions());
    }

    private Grid<UserAccount> configureGrid() {
        grid.setId("users-grid");
        grid.addColumn(UserAccount::username).setHeader("Username").setKey("username");
        grid.addColumn(u -> u.roles().stream().sorted().map(Role::name).collect(Collectors.joining(", ")))
                .setHeader("Roles")
                .setKey("roles");
        grid.addColumn(u -> u.enabled() ? "yes" : "no").setHeader("Enabled").setKey("enabled");
        grid.addColumn(u -> u.company().orElse("")).setHeader("Company").setKey("company");
        grid.addColumn(u -> CREATED.format(u.createdAt())).setHeader("Created").setKey("created");
        grid.setItems(
                query -> accounts.list(query.getOffset(), query.getLimit()).stream(), query -> (int) accounts.count());
        grid.setAllRowsVisible(false);
        grid.setHeight("18em");
        grid.asSingleSelect().addValueChangeListener(e -> showSelected(e.getValue()));
        return grid;
    }

    private VerticalLayout createForm() {
        username.setId("new-username");
        password.setId("new-password");
        roles.setId("new-roles");
        roles.setItems(Role.values());
        company.setId("new-company");
        company.setEnabled(false);
        roles.addValueChangeListener(e -> company.setEnabled(e.getValue().contains(Role.TRADER)));
        var create = new Button("Create user", e -> create());
        create.setId("create-user");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var fields = new HorizontalLayout(username, password, company);
        fields.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.START);
        var form = new VerticalLayout(new H3("New user"), fields, roles, create);
        form.setId("create-form");
        form.setPadding(false);
        return form;
    }

    private VerticalLayout selectedUserActions() {
        toggleEnabled.setId("toggle-enabled");
        toggleEnabled.addClickListener(
                e -> selected(u -> administration.setEnabled(admin, u.username(), !u.enabled()), "enabled state"));
        editRoles.setId("edit-roles");
        editRoles.setItems(Role.values());
        editCompany.setId("edit-company");
        editRoles.addValueChangeListener(
                e -> editCompany.setEnabled(e.getValue().contains(Role.TRADER)));
        var saveRoles = new Button(
                "Save roles",
                e -> selected(
                        u -> administration.setRoles(admin, u.username(), editRoles.getValue(), editCompany.getValue()),
                        "roles"));
        saveRoles.setId("save-roles");
        editPassword.setId("edit-password");
        var savePassword = new Button(
                "Set password",
                e -> selected(
                        u -> {
                            administration.resetPassword(admin, u.username(), editPassword.getValue());
                            editPassword.clear();
                            return u;
                        },
                        "password"));
        savePassword.setId("save-password");
        selectedActions.add(
                new H3("Selected user"),
                toggleEnabled,
                new HorizontalLayout(editRoles, editCompany),
                saveRoles,
                new HorizontalLayout(editPassword, savePassword));
        selectedActions.setId("selected-user");
        selectedActions.setPadding(false);
        selectedActions.setEnabled(false);
        return selectedActions;
    }

    private void create() {
        clearErrors();
        try {
            var created = administration.create(
                    admin, username.getValue(), password.getValue(), roles.getValue(), company.getValue());
            username.clear();
            password.clear();
            roles.clear();
            company.clear();
            grid.getDataProvider().refreshAll();
            status.setText("Created " + created.username() + ".");
        } catch (InvalidAccountException e) {
            showError(e, fieldsOfCreateForm());
        }
    }

    /** Applies a change to the selected user; a refusal shows beside the field it concerns. */
    private void selected(Function<UserAccount, UserAccount> change, String what) {
        var user = grid.asSingleSelect().getValue();
        if (user == null) {
            return;
        }
        clearErrors();
        try {
            change.apply(user);
            grid.getDataProvider().refreshAll();
            accounts.find(user.username()).ifPresent(u -> {
                grid.select(u);
                showSelected(u);
            });
            status.setText("Saved the " + what + " of " + user.username() + ".");
        } catch (InvalidAccountException e) {
            showError(e, fieldsOfSelectedUser());
        }
    }

    private void showSelected(UserAccount user) {
        clearErrors();
        selectedActions.setEnabled(user != null);
        if (user == null) {
            return;
        }
        toggleEnabled.setText(user.enabled() ? "Disable " + user.username() : "Enable " + user.username());
        editRoles.setValue(user.roles());
        editCompany.setValue(user.company().orElse(""));
        editCompany.setEnabled(user.isTrader());
    }

    private Map<InvalidAccountException.Field, HasValidation> fieldsOfCreateForm() {
        var fields = new EnumMap<InvalidAccountException.Field, HasValidation>(InvalidAccountException.Field.class);
        fields.put(InvalidAccountException.Field.USERNAME, username);
        fields.put(InvalidAccountException.Field.PASSWORD, password);
        fields.put(InvalidAccountException.Field.ROLES, roles);
        fields.put(InvalidAccountException.Field.COMPANY, company);
        return fields;
    }

    private Map<InvalidAccountException.Field, HasValidation> fieldsOfSelectedUser() {
        var fields = new EnumMap<InvalidAccountException.Field, HasValidation>(InvalidAccountException.Field.class);
        fields.put(InvalidAccountException.Field.PASSWORD, editPassword);
        fields.put(InvalidAccountException.Field.ROLES, editRoles);
        fields.put(InvalidAccountException.Field.COMPANY, editCompany);
        return fields;
    }

    private void showError(InvalidAccountException e, Map<InvalidAccountException.Field, HasValidation> fields) {
        var field = fields.get(e.field());
        if (field == null) {
            status.setText(e.getMessage());
            return;
        }
        field.setErrorMessage(e.getMessage());
        field.setInvalid(true);
        status.setText("");
    }

    private void clearErrors() {
        for (var fields : List.of(fieldsOfCreateForm(), fieldsOfSelectedUser())) {
            fields.values().forEach(f -> f.setInvalid(false));
        }
    }
}
