package customs.risk.ui.cases;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import customs.risk.cases.CaseAttachments;
import customs.risk.cases.CaseBroadcaster;
import customs.risk.cases.CaseConversation;
import customs.risk.cases.CaseException;
import customs.risk.cases.CaseModel.Message;
import customs.risk.graph.access.Actor;
import customs.risk.ui.PendingUploads;
import customs.risk.ui.RiskBadges;
import java.io.IOException;
import java.nio.file.Files;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A case conversation, delivered live (server push) to every member who has the case open. Messages
 * are shown once each, in sequence order: the panel remembers what it shows by message id, replaces a
 * message in place when it is edited, deleted or gets an attachment, and after a dropped connection
 * fetches what it missed from the store. One's own messages can be edited and deleted; the former
 * texts stay readable under "edited".
 */
final class ConversationPanel extends VerticalLayout {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final CaseConversation cases;
    private final CaseAttachments attachments;
    private final CaseBroadcaster broadcaster;
    private final Actor actor;
    private final String caseId;
    private final Div conversation = new Div();
    private final Map<String, Div> shown = new HashMap<>();
    private final TextArea input = new TextArea("Message (@name to mention)");
    private final Upload upload = new Upload();
    private PendingUploads pending;
    private long lastSeq;
    private CaseBroadcaster.Subscription subscription;
    /** One id per message being written: a retried send is recognised and stored once. */
    private String draftId = UUID.randomUUID().toString();

    ConversationPanel(
            CaseConversation cases,
            CaseAttachments attachments,
            CaseBroadcaster broadcaster,
            Actor actor,
            String caseId,
            List<String> team,
            boolean open,
            long maxFileBytes) {
        this.cases = cases;
        this.attachments = attachments;
        this.broadcaster = broadcaster;
        this.actor = actor;
        this.caseId = caseId;
        setPadding(false);
        conversation.setId("case-messages");
        conversation
                .getStyle()
                .set("max-height", "420px")
                .set("overflow", "auto")
                .set("width", "100%");
        add(conversation);
        if (open) {
            add(composer(team, maxFileBytes));
        } else {
            var closed = new Paragraph("The case is closed: reopen it to write.");
            closed.setId("case-closed-note");
            add(closed);
        }
        fetchMissed();
    }

    private VerticalLayout composer(List<String> team, long maxFileBytes) {
        input.setId("message-input");
        input.setWidthFull();
        var mentions = new HorizontalLayout();
        mentions.setId("mention-chips");
        mentions.setSpacing(false);
        mentions.getStyle().set("gap", "var(--lumo-space-xs)").set("flex-wrap", "wrap");
        team.stream().filter(name -> !name.equals(actor.username())).forEach(name -> {
            var chip = new Button("@" + name, e -> mention(name));
            chip.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            chip.addClassName("mention-chip");
            mentions.add(chip);
        });
        upload.setId("message-upload");
        upload.setDropLabel(new Span("Attach files (images show in the conversation)"));
        pending = new PendingUploads(upload, maxFileBytes);
        var send = new Button("Send", e -> send());
        send.setId("message-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var composer = new VerticalLayout(input, mentions, upload, send);
        composer.setPadding(false);
        return composer;
    }

    private void mention(String name) {
        String text = input.getValue();
        input.setValue(text + (text.isEmpty() || text.endsWith(" ") ? "" : " ") + "@" + name + " ");
        input.focus();
    }

    private void send() {
        var files = pending == null ? List.<PendingUploads.PendingFile>of() : pending.files();
        String text = input.getValue().isBlank() && !files.isEmpty()
                ? "Attached "
                        + String.join(
                                ", ",
                                files.stream()
                                        .map(PendingUploads.PendingFile::name)
                                        .toList())
                : input.getValue();
        Message posted;
        try {
            posted = cases.post(actor, caseId, text, draftId).message();
        } catch (CaseException | IllegalArgumentException e) {
            Notification.show(e.getMessage());
            return;
        }
        draftId = UUID.randomUUID().toString();
        input.clear();
        show(posted);
        for (var file : files) {
            try (var in = Files.newInputStream(file.file().toPath())) {
                show(attachments.attach(actor, caseId, posted.id(), in, file.name(), null));
            } catch (IOException | CaseException | IllegalArgumentException e) {
                Notification.show(file.name() + " not attached: " + e.getMessage());
            }
        }
        pending.clear();
    }

    /** Loads the messages after the newest one shown: first all, after a reconnect what was missed. */
    private void fetchMissed() {
        cases.messages(actor, caseId, lastSeq, 500).forEach(this::show);
    }

    /** Adds a message, or redraws it in place when it is already shown. */
    private void show(Message message) {
        var line = shown.get(message.id());
        boolean added = line == null;
        if (added) {
            line = new Div();
            line.addClassName("case-message");
            line.getElement().setAttribute("data-seq", Long.toString(message.seq()));
            line.getElement().setAttribute("data-id", message.id());
            shown.put(message.id(), line);
            conversation.add(line);
        }
        line.removeAll();
        fill(line, message);
        lastSeq = Math.max(lastSeq, message.seq());
        if (added) {
            conversation.getElement().executeJs("this.scrollTop = this.scrollHeight");
        }
    }

    private void fill(Div line, Message message) {
        var author = new Span(message.author());
        author.getStyle().set("font-weight", "600");
        var text = new Span(message.deleted() ? "(deleted)" : message.text());
        text.addClassName("message-text");
        text.getStyle().set("white-space", "pre-wrap");
        line.add(new Span(TIME.format(message.createdAt()) + " "), author, new Span(": "), text);
        if (message.editedAt() != null) {
            var edited = new Button(message.deleted() ? "history" : "edited", e -> showHistory(message));
            edited.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            edited.addClassName("message-history");
            line.add(new Span(" "), edited);
        }
        if (message.author().equals(actor.username()) && !message.deleted()) {
            var edit = new Button("Edit", e -> startEdit(line, message));
            edit.addClassName("message-edit");
            var delete = new Button("Delete", e -> confirmDelete(message));
            delete.addClassName("message-delete");
            for (var action : List.of(edit, delete)) {
                action.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
                line.add(new Span(" "), action);
            }
        }
        // A deleted message takes its files out of the conversation; they stay filed with the case.
        for (var attachment :
                message.deleted() ? List.<customs.risk.cases.CaseModel.Attachment>of() : message.attachments()) {
            String href = RiskBadges.documentHref(attachment.documentId());
            if (attachment.inline()) {
                var image = new Image(href, attachment.fileName());
                image.setMaxWidth("320px");
                image.addClassName("message-image");
                line.add(new Div(image));
            } else {
                var file = new Anchor(href, "📎 " + attachment.fileName());
                file.setRouterIgnore(true);
                file.addClassName("message-attachment");
                line.add(new Div(file));
            }
        }
    }

    private void startEdit(Div line, Message message) {
        var editor = new TextArea();
        editor.setValue(message.text());
        editor.setWidthFull();
        editor.addClassName("message-editor");
        var save = new Button("Save", e -> {
            try {
                show(cases.edit(actor, caseId, message.id(), editor.getValue()));
            } catch (CaseException | IllegalArgumentException ex) {
                Notification.show(ex.getMessage());
            }
        });
        save.addClassName("message-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        var cancel = new Button("Cancel", e -> show(message));
        cancel.addThemeVariants(ButtonVariant.LUMO_SMALL);
        line.removeAll();
        line.add(editor, new HorizontalLayout(save, cancel));
    }

    private void confirmDelete(Message message) {
        var confirm = new ConfirmDialog();
        confirm.setHeader("Delete this message?");
        confirm.setText("Its place in the conversation stays, marked deleted; the text is kept in its history.");
        var delete = new Button("Delete", e -> {
            confirm.close();
            try {
                show(cases.delete(actor, caseId, message.id()));
            } catch (CaseException ex) {
                Notification.show(ex.getMessage());
            }
        });
        delete.setId("confirm-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        confirm.setConfirmButton(delete);
        confirm.setCancelable(true);
        confirm.open();
    }

    private void showHistory(Message message) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Earlier versions");
        var versions = new VerticalLayout();
        versions.setId("message-versions");
        for (var version : cases.history(actor, caseId, message.id())) {
            versions.add(new Div(new Span(TIME.format(version.editedAt()) + ": "), new Span(version.text())));
        }
        versions.add(new Div(new Span("now: "), new Span(message.deleted() ? "(deleted)" : message.text())));
        dialog.add(versions);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.open();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        subscription = broadcaster.subscribe(
                caseId,
                message -> ui.access(() -> {
                    if (message.seq() > lastSeq) {
                        // New: take it, and anything missed before it, in order from the store, which also
                        // counts it as read by this user.
                        fetchMissed();
                    } else {
                        show(message);
                    }
                }));
        // Anything stored between the first load and the subscription.
        fetchMissed();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }
}
