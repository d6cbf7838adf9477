package customs.risk.ui.requests;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import customs.risk.cases.requests.InformationRequest;
import customs.risk.cases.requests.InformationRequests;
import customs.risk.cases.team.UserAccount;
import customs.risk.graph.access.RefusedException;
import customs.risk.ui.PendingUploads;
import customs.risk.ui.RiskBadges;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.springframework.core.io.FileSystemResource;

/**
 * One request with everything said in it, and, for its parties, a composer: text and files. A
 * trader sees customs as "Customs" and its files by name; staff see who wrote and open the files.
 */
public class RequestThreadPanel extends VerticalLayout {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final InformationRequests requests;
    private final UserAccount viewer;
    private final String requestId;
    private final long maxFileBytes;
    private PendingUploads pending;
    /** One id per message being written: a retried send is stored once. */
    private String draftId = UUID.randomUUID().toString();

    public RequestThreadPanel(InformationRequests requests, UserAccount viewer, String requestId, long maxFileBytes) {
        this.requests = requests;
        this.viewer = viewer;
        this.requestId = requestId;
        this.maxFileBytes = maxFileBytes;
        setId("request-thread");
        setPadding(false);
        addClassName("section");
        // Its padding inside its width, so that it fits a phone and a case's section.
        getStyle().set("box-sizing", "border-box");
        refresh();
    }

    /** Draws the thread anew from the store (after a change told live, or a send). */
    void refresh() {
        removeAll();
        var thread = requests.thread(viewer, requestId);
        if (thread.isEmpty()) {
            var missing = new Paragraph("No request " + requestId + " that you may see.");
            missing.setId("request-missing");
            add(missing);
            return;
        }
        var request = thread.get().request();
        var heading = new H3(RequestsView.about(request));
        heading.getStyle().set("margin", "0");
        var status = RequestsView.statusBadge(request);
        status.setId("request-status");
        var facts = new Span(request.id() + " · asked " + TIME.format(request.askedAt()) + " by "
                + (viewer.isTrader() ? "Customs" : request.askedBy()) + " · answer by " + request.deadline());
        facts.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        var question = new Paragraph(request.question());
        question.setId("request-question");
        question.getStyle().set("white-space", "pre-wrap").set("font-weight", "500");
        var title = new HorizontalLayout(heading, status);
        title.setAlignItems(Alignment.CENTER);
        title.getStyle().set("flex-wrap", "wrap");
        add(title, facts, question);
        var messages = new Div();
        messages.setId("request-messages");
        messages.setWidthFull();
        thread.get().messages().forEach(m -> messages.add(message(m)));
        add(messages);
        if (request.status() != InformationRequest.Status.CLOSED) {
            add(composer());
        } else {
            add(new Paragraph("Closed: nothing more can be written."));
        }
    }

    private Div message(InformationRequest.Message message) {
        var line = new Div();
        line.addClassName("request-message");
        line.addClassName(message.fromTrader() ? "from-trader" : "from-customs");
        String who = message.fromTrader() ? message.author() : viewer.isTrader() ? "Customs" : message.author();
        var head = new Span(TIME.format(message.at()) + " · " + who);
        head.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)");
        var text = new Div(message.text());
        text.addClassName("message-text");
        text.getStyle().set("white-space", "pre-wrap");
        line.add(head, text);
        for (var attachment : message.attachments()) {
            if (viewer.isTrader()) {
                line.add(new Div(new Span("📎 " + attachment.fileName())));
            } else {
                line.add(new Div(
                        new Anchor(RiskBadges.documentHref(attachment.documentId()), "📎 " + attachment.fileName())));
            }
        }
        return line;
    }

    private VerticalLayout composer() {
        var input = new TextArea(viewer.isTrader() ? "Your answer" : "Follow-up to the trader");
        input.setId("request-input");
        input.setWidthFull();
        var upload = new Upload();
        upload.setId("request-upload");
        pending = new PendingUploads(upload, maxFileBytes);
        var send = new Button(viewer.isTrader() ? "Send answer" : "Send follow-up", e -> send(input));
        send.setId("request-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var actions = new HorizontalLayout(send);
        if (!viewer.isTrader()) {
            var close = new Button("Close request", e -> {
                requests.close(viewer, requestId);
                refresh();
            });
            close.setId("request-close");
            actions.add(close);
        }
        var composer = new VerticalLayout(input, upload, actions);
        composer.setPadding(false);
        return composer;
    }

    private void send(TextArea input) {
        var files = pending.files().stream()
                .map(p -> new InformationRequests.Upload(p.name(), new FileSystemResource(p.file())))
                .toList();
        try {
            requests.post(viewer, requestId, input.getValue(), files, draftId);
        } catch (RefusedException e) {
            Notification.show(e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            Notification.show("Not sent: " + e.getMessage());
            return;
        }
        draftId = UUID.randomUUID().toString();
        pending.clear();
        refresh();
    }
}
