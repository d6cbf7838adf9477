package customs.risk.ui.entry;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import customs.risk.ingest.entry.InspectionEntry;
import customs.risk.ui.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.util.Map;

/**
 * The inspector's result form: one row of {@code inspections.csv}. {@code ?declaration=ID}
 * fills in the item, so a ranking or entity page can link straight to it. Thin over
 * {@link InspectionEntry}.
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

    private final InspectionEntry entry;
    private final ContractForm form;
    private final Div result = new Div();

    public InspectionEntryView(InspectionEntry entry) {
        this.entry = entry;
        setId("inspection-entry");
        form = new ContractForm("inspection", entry.columns(), PRESENTATION);
        form.setValue("inspected_on", LocalDate.now().toString());
        var submit = new Button("Save result", e -> submit());
        submit.setId("inspection-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var clear = new Button("Clear", e -> {
            form.clear();
            result.removeAll();
        });
        clear.setId("inspection-clear");
        result.setId("inspection-result");
        add(
                new H2("Inspection result"),
                new Paragraph("Results teach the risk model: every saved result is " + "used by the next training."),
                form,
                new HorizontalLayout(submit, clear),
                result);
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
        var saved = entry.submit(values);
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
