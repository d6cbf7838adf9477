package customs.risk.ui.documents;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.spring.security.AuthenticationContext;
import customs.risk.cases.team.AccountPrincipal;
import customs.risk.documents.extract.DocumentTooLargeException;
import customs.risk.documents.filing.DocumentService;
import customs.risk.graph.access.Actor;
import customs.risk.ui.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files one document (the file, its type, and optionally the declaration and company it belongs
 * to) through {@link DocumentService#file}, the same intake as {@code POST /api/documents}.
 */
@Route(value = "documents/upload", layout = MainLayout.class)
@PageTitle("File a document | Customs risk engine")
@RolesAllowed({"ADMIN", "RISK_OFFICER", "INVESTIGATOR", "INSPECTOR"})
public class DocumentUploadView extends VerticalLayout {

    private static final Logger log = LoggerFactory.getLogger(DocumentUploadView.class);

    private final DocumentService documents;
    private final long maxBytes;
    private final Upload upload = new Upload();
    private final Span chosen = new Span();
    private final Select<String> type = new Select<>();
    private final TextField documentId = new TextField("Document id");
    private final TextField declarationId = new TextField("Declaration id");
    private final TextField companyId = new TextField("Company id");
    private final TextField supersedes = new TextField("Corrects document");
    private final DatePicker filedOn = new DatePicker("Filed on");
    private final Button submit = new Button("File document");
    private final Span error = new Span();
    private final Div result = new Div();
    private File pending;
    private String pendingName;

    private final Actor filer;

    public DocumentUploadView(DocumentService documents, AuthenticationContext authentication) {
        this.documents = documents;
        this.filer = authentication
                .getAuthenticatedUser(AccountPrincipal.class)
                .map(AccountPrincipal::actor)
                .orElseThrow();
        this.maxBytes = documents.maxDocumentBytes();
        setId("document-upload");
        add(
                new H2("File a document"),
                new Paragraph("PDF, DOCX, TXT, PNG/JPEG scans or e-mails up to "
                        + String.format("%,d MB", maxBytes / (1024 * 1024))
                        + ". The text is extracted and made searchable."));
        configureUpload();
        add(
                upload,
                chosen,
                form(),
                new HorizontalLayout(submit, new Anchor("documents", "Back to search")),
                error,
                result);
        addDetachListener(e -> discardPending());
    }

    private void configureUpload() {
        upload.setId("doc-upload-file");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, maxBytes));
        upload.setUploadHandler(UploadHandler.toTempFile((metadata, file) -> {
            // Runs with the UI locked (the handler calls ui.access), so the view may change here.
            discardPending();
            pending = file;
            pendingName = metadata.fileName();
            chosen.setText("Ready to file: " + pendingName + " (" + String.format("%,d", metadata.contentLength())
                    + " bytes)");
            error.setText("");
        }));
        upload.addFileRejectedListener(e -> error.setText("Not accepted: " + e.getErrorMessage() + " (the limit is "
                + String.format("%,d", maxBytes) + " bytes)"));
        upload.addFileRemovedListener(e -> {
            discardPending();
            chosen.setText("");
        });
        chosen.setId("doc-upload-chosen");
    }

    private FormLayout form() {
        type.setId("doc-upload-type");
        type.setLabel("Type");
        type.setItems(new TreeSet<>(DocumentService.TYPES));
        type.setValue("OTHER");
        documentId.setId("doc-upload-id");
        documentId.setHelperText("optional; derived from the content when empty");
        declarationId.setId("doc-upload-declaration");
        declarationId.setHelperText("optional; must be in the graph");
        companyId.setId("doc-upload-company");
        companyId.setHelperText("optional; must be in the graph");
        supersedes.setId("doc-upload-supersedes");
        supersedes.setHelperText("optional; id of the document this file corrects (both are kept)");
        filedOn.setId("doc-upload-filed-on");
        Dates.iso(filedOn);
        submit.setId("doc-upload-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickListener(e -> file());
        error.setId("doc-upload-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        result.setId("doc-upload-result");
        return new FormLayout(type, documentId, declarationId, companyId, filedOn, supersedes);
    }

    private void file() {
        error.setText("");
        result.removeAll();
        declarationId.setInvalid(false);
        companyId.setInvalid(false);
        supersedes.setInvalid(false);
        documentId.setInvalid(false);
        type.setInvalid(false);
        if (pending == null) {
            error.setText("Choose a file first.");
            return;
        }
        try (var in = Files.newInputStream(pending.toPath())) {
            var filed = documents.file(
                    filer,
                    in,
                    DocumentService.Filing.of(
                                    pendingName,
                                    type.getValue(),
                                    documentId.getValue(),
                                    declarationId.getValue(),
                                    companyId.getValue(),
                                    filedOn.getValue())
                            .superseding(supersedes.getValue()));
            var status = new Paragraph(
                    !filed.created()
                            ? "Already filed as " + filed.documentId() + " with these very bytes: nothing changed."
                            : "Filed " + filed.documentId() + " (" + filed.contentType() + ", "
                                    + String.format("%,d", filed.size()) + " bytes): "
                                    + (filed.indexed()
                                            ? "searchable now"
                                            : "searchable as soon as the search engine is back"));
            status.setId("doc-upload-status");
            result.add(status);
            if (!filed.problem().isBlank()) {
                result.add(new Paragraph("Note: " + filed.problem()));
            }
            if (!declarationId.getValue().isBlank()) {
                var find = new Anchor(
                        "documents?declaration="
                                + URLEncoder.encode(declarationId.getValue().strip(), StandardCharsets.UTF_8),
                        "Documents of declaration " + declarationId.getValue().strip());
                find.setId("doc-upload-find");
                result.add(find);
            }
            discardPending();
            upload.clearFileList();
            chosen.setText("");
        } catch (DocumentTooLargeException e) {
            error.setText("The file is too large: " + e.getMessage());
        } catch (DocumentService.DocumentConflictException e) {
            var field = supersedes.getValue().isBlank() ? documentId : supersedes;
            field.setErrorMessage(e.getMessage());
            field.setInvalid(true);
            error.setText("Not filed: " + e.getMessage());
        } catch (DocumentService.UnknownReferenceException e) {
            // The message starts with what was unknown: "declaration X ...", "company X ...", "document X ...".
            var field = e.getMessage().startsWith("declaration")
                    ? declarationId
                    : e.getMessage().startsWith("document") ? supersedes : companyId;
            field.setErrorMessage(e.getMessage());
            field.setInvalid(true);
            error.setText("Not filed: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            type.setErrorMessage(e.getMessage());
            type.setInvalid(true);
            error.setText("Not filed: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.warn("filing {} failed", pendingName, e);
            error.setText("Not filed: " + e.getMessage());
        }
    }

    private void discardPending() {
        if (pending != null) {
            try {
                Files.deleteIfExists(pending.toPath());
            } catch (IOException e) {
                log.debug("cannot delete upload {}: {}", pending, e.getMessage());
            }
            pending = null;
            pendingName = null;
        }
    }
}
