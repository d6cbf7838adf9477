package customs.risk.ui.entry;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.spring.security.AuthenticationContext;
import customs.risk.cases.team.AccountPrincipal;
import customs.risk.graph.access.Actor;
import customs.risk.ingest.entry.InspectionEntry;
import customs.risk.ingest.entry.PhotoIntake;
import customs.risk.ui.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The inspector's result form: one row of {@code inspections.csv}, with photos of the goods (on a
 * phone the camera opens), filed as documents of the declaration once the result is saved.
 * {@code ?declaration=ID} fills in the item, so a ranking or entity page can link straight to it.
 * Thin over {@link InspectionEntry}.
 */
@Route(value = "entry/inspection", layout = MainLayout.class)
@PageTitle("Inspection result | Customs risk engine")
@RolesAllowed({"ADMIN", "INSPECTOR"})
public class InspectionEntryView extends VerticalLayout implements BeforeEnterObserver {

    static final Map<String, ContractForm.Presentation> PRESENTATION = Map.of(
            "declaration_id", new ContractForm.Presentation("Declaration item id", "the item inspected"),
            "inspected_on", new ContractForm.Presentation("Inspected on", "YYYY-MM-DD"),
            "outcome", new ContractForm.Presentation("Outcome", ""),
            "violation_type", new ContractForm.Presentation("Violation type", "when the outcome is VIOLATION"),
            "revenue_recovered",
                    new ContractForm.Presentation("Revenue recovered", "extra duty and fines, base currency (USD)"),
            "inspector", new ContractForm.Presentation("Inspector", ""));

    /** A photo is at most this large: what a phone camera takes, with room to spare. */
    private static final int MAX_PHOTO_BYTES = 25 * 1024 * 1024;

    private final InspectionEntry entry;
    private final ContractForm form;
    private final Div result = new Div();
    private final Upload photoUpload = new Upload();
    private final List<PhotoIntake.Photo> photos = new ArrayList<>();
    private final Actor inspector;

    public InspectionEntryView(InspectionEntry entry, AuthenticationContext authentication) {
        this.entry = entry;
        this.inspector = authentication
                .getAuthenticatedUser(AccountPrincipal.class)
                .map(AccountPrincipal::actor)
                .orElse(Actor.CONSOLE);
        setId("inspection-entry");
        form = new ContractForm("inspection", entry.columns(), PRESENTATION);
        form.setValue("inspected_on", LocalDate.now().toString());
        var submit = new Button("Save result", e -> submit());
        submit.setId("inspection-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var clear = new Button("Clear", e -> {
            form.clear();
            result.removeAll();
            photos.clear();
            photoUpload.clearFileList();
        });
        clear.setId("inspection-clear");
        result.setId("inspection-result");
        add(
                new H2("Inspection result"),
                new Paragraph("Results teach the risk model: every saved result is " + "used by the next training."),
                form,
                photoUpload(),
                new HorizontalLayout(submit, clear),
                result);
    }

    private Upload photoUpload() {
        photoUpload.setId("inspection-photos");
        photoUpload.setAcceptedFileTypes("image/*");
        photoUpload.setMaxFileSize(MAX_PHOTO_BYTES);
        photoUpload.setDropLabel(new Span("or drop photos here"));
        var take = new Button("Photos of the goods", com.vaadin.flow.component.icon.VaadinIcon.CAMERA.create());
        take.setId("inspection-photos-button");
        photoUpload.setUploadButton(take);
        photoUpload.setUploadHandler(UploadHandler.inMemory(
                (metadata, bytes) -> photos.add(new PhotoIntake.Photo(metadata.fileName(), bytes))));
        photoUpload.addFileRejectedListener(e -> Notification.show("Not attached: " + e.getErrorMessage()));
        photoUpload.addFileRemovedListener(
                e -> photos.removeIf(p -> p.fileName().equals(e.getFileName())));
        // A phone offers its camera for a file input that asks for one.
        photoUpload
                .getElement()
                .executeJs("const input = this.querySelector('input[type=file]')"
                        + " || (this.shadowRoot && this.shadowRoot.querySelector('input[type=file]'));"
                        + " if (input) { input.setAttribute('capture', 'environment'); }");
        return photoUpload;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation()
                .getQueryParameters()
                .getSingleParameter("declaration")
                .ifPresent(id -> form.setValue("declaration_id", id));
    }

    private void submit() {
        result.removeAll();
        var values = form.values();
        var outcome = entry.submit(inspector, values, List.copyOf(photos));
        var saved = outcome.entry();
        form.show(saved.fieldErrors(), saved.notices());
        var status = new Paragraph();
        status.setId("inspection-status");
        if (saved.saved()) {
            status.setText("Saved: " + values.get("outcome") + " for "
                    + values.get("declaration_id").strip()
                    + " on " + values.get("inspected_on").strip() + ". It is stored as an Inspection of the "
                    + "declaration; the next training (./risk train) learns from it.");
            status.getStyle().set("color", "var(--lumo-success-text-color)");
            result.add(status);
            if (!outcome.photos().isEmpty() || !outcome.photoErrors().isEmpty()) {
                var filed = new Paragraph(outcome.photos().size()
                        + (outcome.photos().size() == 1 ? " photo" : " photos")
                        + " filed with the declaration's documents"
                        + (outcome.photoErrors().isEmpty()
                                ? "."
                                : "; not filed: " + String.join("; ", outcome.photoErrors())));
                filed.setId("inspection-photos-filed");
                result.add(filed);
            }
            photos.clear();
            photoUpload.clearFileList();
            return;
        }
        status.setText("Not saved: correct the fields marked in red.");
        status.getStyle().set("color", "var(--lumo-error-text-color)");
        result.add(status);
        if (!saved.rowErrors().isEmpty()) {
            var list = new UnorderedList();
            list.setId("inspection-row-errors");
            saved.rowErrors().forEach(e -> list.add(new ListItem(e)));
            result.add(list);
        }
    }
}
