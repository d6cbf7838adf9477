package customs.risk.ui.account;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import customs.risk.cases.team.InvalidAccountException;
import customs.risk.cases.team.Notification;
import customs.risk.cases.team.UserAccounts;
import customs.risk.ui.MainLayout;
import jakarta.annotation.security.PermitAll;

/**
 * {@code /account}: the signed-in user's e-mail address, which notifications go there, and their
 * password. Refusals show beside the field they concern.
 */
@Route(value = "account", layout = MainLayout.class)
@PageTitle("My account | Customs risk engine")
@PermitAll
class AccountView extends VerticalLayout {

    private final UserAccounts accounts;
    private final String username;
    private final EmailField email = new EmailField("E-mail address");
    private final CheckboxGroup<Notification> notifications = new CheckboxGroup<>("Tell me by e-mail about");
    private final PasswordField current = new PasswordField("Current password");
    private final PasswordField fresh = new PasswordField("New password");
    private final Span status = new Span();

    /** What the user may choose: requests only for those who ask traders. */
    private final java.util.Set<Notification> offered = java.util.EnumSet.allOf(Notification.class);

    AccountView(UserAccounts accounts, AuthenticationContext authentication) {
        this.accounts = accounts;
        this.username = authentication.getPrincipalName().orElseThrow();
        if (!authentication.hasAnyRole("ADMIN", "RISK_OFFICER", "INVESTIGATOR")) {
            offered.remove(Notification.REQUEST);
        }
        setId("account-view");
        status.setId("account-status");
        add(
                new H1("My account"),
                new Paragraph("Signed in as " + username + "."),
                status,
                mailSettings(),
                passwordChange());
    }

    private VerticalLayout mailSettings() {
        var contact = accounts.contact(username).orElseThrow();
        email.setId("account-email");
        email.setWidth("24em");
        email.setValue(contact.email() == null ? "" : contact.email());
        notifications.setId("account-notifications");
        notifications.setItems(offered);
        notifications.setItemLabelGenerator(AccountView::label);
        var chosen = new java.util.HashSet<>(contact.notifications());
        chosen.retainAll(offered);
        notifications.setValue(chosen);
        var save = new Button("Save e-mail settings", e -> saveMailSettings());
        save.setId("account-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var hint = new Paragraph("Mail is sent only when the administrator has configured a mail server. "
                + "Replying to a case notification posts the reply into the case conversation.");
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)");
        return section(new H3("E-mail"), email, notifications, save, hint);
    }

    private VerticalLayout passwordChange() {
        current.setId("account-current-password");
        fresh.setId("account-new-password");
        var change = new Button("Change password", e -> changePassword());
        change.setId("account-change-password");
        return section(new H3("Password"), current, fresh, change);
    }

    private void saveMailSettings() {
        email.setInvalid(false);
        try {
            accounts.setEmail(username, email.getValue());
            accounts.setNotifications(username, notifications.getValue());
            status.setText("E-mail settings saved.");
        } catch (InvalidAccountException e) {
            email.setErrorMessage(e.getMessage());
            email.setInvalid(true);
            status.setText("Not saved: " + e.getMessage());
        }
    }

    private void changePassword() {
        current.setInvalid(false);
        fresh.setInvalid(false);
        try {
            accounts.changeOwnPassword(username, current.getValue(), fresh.getValue());
            current.clear();
            fresh.clear();
            status.setText("Password changed.");
        } catch (InvalidAccountException e) {
            var field = e.field() == InvalidAccountException.Field.CURRENT_PASSWORD ? current : fresh;
            field.setErrorMessage(e.getMessage());
            field.setInvalid(true);
            status.setText("Not changed: " + e.getMessage());
        }
    }

    private static String label(Notification kind) {
        return switch (kind) {
            case MENTION -> "someone mentions me (@name) in a case";
            case ASSIGNMENT -> "I am added to a case or made its owner";
            case ANNOUNCEMENT -> "announcements addressed to me";
            case REQUEST -> "a trader answers a request I asked, or lets its deadline pass";
        };
    }

    private static VerticalLayout section(com.vaadin.flow.component.Component... content) {
        var section = new VerticalLayout(content);
        section.setPadding(false);
        return section;
    }
}
