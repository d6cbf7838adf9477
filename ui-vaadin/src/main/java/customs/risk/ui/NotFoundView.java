package customs.risk.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.HttpStatusCode;
import jakarta.annotation.security.PermitAll;

/**
 * A page that does not exist, or one the user's role may not open (production mode answers both
 * alike, so that routes are not revealed): said in words, inside the usual layout, with a way back.
 */
@ParentLayout(MainLayout.class)
@PermitAll
public class NotFoundView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        removeAll();
        setId("not-found");
        var explanation = new Paragraph("There is no page '"
                + event.getLocation().getPath() + "' for you: it does not exist, or it is not open to your role.");
        explanation.setId("not-found-text");
        add(new H2("Page not available"), explanation, new Anchor("", "Back to the overview"));
        return HttpStatusCode.NOT_FOUND.getCode();
    }
}
