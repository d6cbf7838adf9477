package customs.risk.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import customs.risk.cases.announcements.AnnouncementService;
import customs.risk.graph.access.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Announcements addressed to the user, to acknowledge one by one; administrators and risk officers
 * also publish them here, to everyone or to one role.
 */
class AnnouncementsPanel extends Div {

    private final AnnouncementService announcements;
    private final String username;
    private final Div list = new Div();

    AnnouncementsPanel(AnnouncementService announcements, String username, boolean mayPublish) {
        this.announcements = announcements;
        this.username = username;
        setId("announcements");
        addClassName("section");
        setWidthFull();
        list.setId("announcement-list");
        add(new H3("Announcements"), list);
        if (mayPublish) {
            add(publishForm());
        }
        refresh();
    }

    private void refresh() {
        list.removeAll();
        var addressed = announcements.addressedTo(username);
        if (addressed.isEmpty()) {
            list.add(new Paragraph("No announcements."));
        }
        for (var notice : addressed) {
            var line = new Div(
                    new Span(notice.title()),
                    new Paragraph(notice.text()),
                    new Span("from " + notice.author() + " to "
                            + notice.audience().toLowerCase()));
            line.getStyle().set("margin-bottom", "var(--lumo-space-m)");
            if (notice.acknowledged()) {
                line.add(new Span(" · acknowledged"));
            } else {
                var ack = new Button("Acknowledge", e -> {
                    announcements.acknowledge(username, notice.id());
                    refresh();
                });
                ack.setId("ack-" + notice.id());
                line.add(ack);
            }
            list.add(line);
        }
    }

    private HorizontalLayout publishForm() {
        var title = new TextField("Title");
        title.setId("announcement-title");
        var text = new TextArea("Text");
        text.setId("announcement-text");
        text.setWidth("28em");
        var audience = new Select<String>();
        audience.setId("announcement-audience");
        audience.setLabel("To");
        List<String> audiences = new ArrayList<>(List.of(AnnouncementService.ALL));
        for (Role role : Role.values()) {
            audiences.add(role.name());
        }
        audience.setItems(audiences);
        audience.setValue(AnnouncementService.ALL);
        var publish = new Button("Publish", e -> {
            try {
                announcements.publish(username, title.getValue(), text.getValue(), audience.getValue());
                title.clear();
                text.clear();
                refresh();
                Notification.show("Published");
            } catch (RuntimeException ex) {
                Notification.show(ex.getMessage());
            }
        });
        publish.setId("announcement-publish");
        publish.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new HorizontalLayout(title, text, audience, publish);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        return form;
    }
}
