package customs.risk.ui.account;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import customs.risk.cases.team.LoginThrottledException;
import org.springframework.security.web.WebAttributes;

/**
 * {@code /login}: the form posts to Spring Security's form login; a failure comes back here with
 * {@code ?error}, and the exception Spring Security left in the session says whether the password was
 * wrong or the login is throttled, so the message can tell the user to wait rather than retry.
 */
@Route("login")
@PageTitle("Sign in | Customs risk engine")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();

    LoginView() {
        setId("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        form.setId("login-form");
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        var hint = new Paragraph("Forgot your password? Ask an administrator to set a new one.");
        hint.setId("login-hint");
        add(new H1("Customs risk engine"), form, hint);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            return;
        }
        var i18n = LoginI18n.createDefault();
        Object failure = VaadinSession.getCurrent().getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        if (failure instanceof LoginThrottledException throttled) {
            i18n.getErrorMessage().setTitle("Too many failed attempts");
            i18n.getErrorMessage()
                    .setMessage("Logins for this user or from this computer are paused. Try again in "
                            + LoginThrottledException.minutes(throttled.retryAfter()) + ".");
        } else {
            // One message for unknown user, wrong password and disabled account: no hint for a guesser.
            i18n.getErrorMessage().setTitle("Incorrect username or password");
            i18n.getErrorMessage()
                    .setMessage(
                            "Check them and try again, or ask an administrator whether your" + " account is enabled.");
        }
        form.setI18n(i18n);
        form.setError(true);
    }
}
