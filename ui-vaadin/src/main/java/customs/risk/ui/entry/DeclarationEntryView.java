package customs.risk.ui.entry;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import customs.risk.engine.RiskService;
import customs.risk.engine.ranking.RiskStore;
import customs.risk.engine.ranking.ScoredItem;
import customs.risk.ingest.entry.DeclarationEntry;
import customs.risk.ui.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.util.Map;

/**
 * The trader's declaration form: one goods item, every column of {@code declarations.csv}.
 * Thin over {@link DeclarationEntry}, which applies the bundle rules and scores the saved item.
 */
@Route(value = "entry/declaration", layout = MainLayout.class)
@PageTitle("New declaration | Customs risk engine")
@RolesAllowed({"ADMIN", "TRADER"})
public class DeclarationEntryView extends VerticalLayout {

    static final Map<String, ContractForm.Presentation> PRESENTATION = Map.ofEntries(
            Map.entry(
                    "declaration_id",
                    new ContractForm.Presentation(
                            "Declaration item id", "e.g. 2024-KR-000123:1 (one id per goods item)")),
            Map.entry("filed_on", new ContractForm.Presentation("Filed on", "YYYY-MM-DD")),
            Map.entry("direction", new ContractForm.Presentation("Direction", "")),
            Map.entry(
                    "office_code", new ContractForm.Presentation("Customs office", "office or port code, e.g. KRPUS")),
            Map.entry("seller_id", new ContractForm.Presentation("Seller (company id)", "sells or consigns the goods")),
            Map.entry("buyer_id", new ContractForm.Presentation("Buyer (company id)", "buys or receives the goods")),
            Map.entry(
                    "declarant_id", new ContractForm.Presentation("Declarant (company id)", "customs broker, if any")),
            Map.entry("hs_code", new ContractForm.Presentation("HS code", "6 to 10 digits")),
            Map.entry("description", new ContractForm.Presentation("Goods description", "")),
            Map.entry("origin_country", new ContractForm.Presentation("Country of origin", "ISO code, e.g. CN")),
            Map.entry("departure_country", new ContractForm.Presentation("Country of departure", "ISO code")),
            Map.entry("destination_country", new ContractForm.Presentation("Country of destination", "ISO code")),
            Map.entry("transport_mode", new ContractForm.Presentation("Transport mode", "")),
            Map.entry("quantity", new ContractForm.Presentation("Quantity", "greater than 0")),
            Map.entry("quantity_unit", new ContractForm.Presentation("Unit", "KG (default), PCS, L, M2, ...")),
            Map.entry("net_mass_kg", new ContractForm.Presentation("Net mass (kg)", "")),
            Map.entry("declared_value", new ContractForm.Presentation("Declared value", "0 or more, '.' for decimals")),
            Map.entry("currency", new ContractForm.Presentation("Currency", "ISO code; USD when empty")),
            Map.entry("duty_rate", new ContractForm.Presentation("Duty rate (%)", "")));

    private final DeclarationEntry entry;
    private final RiskService risk;
    private final ContractForm form;
    private final Div result = new Div();

    /** The signed-in trader's company; empty for staff (an administrator entering on a trader's behalf). */
    private final java.util.Optional<String> traderCompany;

    public DeclarationEntryView(
            DeclarationEntry entry,
            RiskService risk,
            com.vaadin.flow.spring.security.AuthenticationContext authentication) {
        this.traderCompany = authentication
                .getAuthenticatedUser(customs.risk.cases.team.AccountPrincipal.class)
                .filter(user -> authentication.hasRole("TRADER"))
                .flatMap(user -> user.companyId());
        this.entry = entry;
        this.risk = risk;
        setId("declaration-entry");
        form = new ContractForm("declaration", entry.columns(), PRESENTATION);
        form.setValue("filed_on", LocalDate.now().toString());
        form.setValue("direction", "IMPORT");
        var submit = new Button("Submit declaration", e -> submit());
        submit.setId("declaration-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var clear = new Button("Clear", e -> {
            form.clear();
            result.removeAll();
        });
        clear.setId("declaration-clear");
        result.setId("declaration-result");
        add(
                new H2("New declaration item"),
                new Paragraph("Fields marked with a dot are required. The same rules "
                        + "apply as to a bundle's declarations.csv; a corrected item re-submitted with the same id replaces "
                        + "the earlier one."),
                form,
                new HorizontalLayout(submit, clear),
                result);
    }

    private void submit() {
        result.removeAll();
        var outcome = entry.submit(form.values(), traderCompany);
        var saved = outcome.entry();
        form.show(saved.fieldErrors(), saved.notices());
        var status = new Paragraph();
        status.setId("declaration-status");
        if (!saved.saved()) {
            status.setText(
                    saved.fieldErrors().isEmpty() && saved.rowErrors().isEmpty()
                            ? "Not saved."
                            : "Not saved: correct the fields marked in red.");
            status.getStyle().set("color", "var(--lumo-error-text-color)");
            result.add(status);
            rowErrors(saved.rowErrors());
            return;
        }
        status.setText(
                "Saved declaration item " + form.values().get("declaration_id").strip() + ".");
        status.getStyle().set("color", "var(--lumo-success-text-color)");
        result.add(status);
        if (traderCompany.isPresent()) {
            // Traders do not see risk scores: they would learn how to slip through.
            return;
        }
        var scoring = new Paragraph("Risk: " + outcome.scoring());
        scoring.setId("declaration-scoring");
        result.add(scoring);
        risk.score(
                        RiskStore.Kind.DECLARATIONS,
                        form.values().get("declaration_id").strip())
                .ifPresent(this::score);
    }

    private void rowErrors(java.util.List<String> errors) {
        if (errors.isEmpty()) {
            return;
        }
        var list = new UnorderedList();
        list.setId("declaration-row-errors");
        errors.forEach(e -> list.add(new ListItem(e)));
        result.add(list);
    }

    private void score(ScoredItem score) {
        var value = new Span(String.format("%.2f", score.score()));
        value.setId("declaration-score");
        var lane = new Span(score.lane().name());
        lane.setId("declaration-lane");
        lane.getElement().getThemeList().add("badge");
        lane.getElement()
                .getThemeList()
                .add(
                        switch (score.lane()) {
                            case RED -> "error";
                            case YELLOW -> "contrast";
                            case GREEN -> "success";
                        });
        var line = new HorizontalLayout(new Span("Score"), value, new Span("lane"), lane);
        line.setAlignItems(Alignment.BASELINE);
        result.add(line);
        var reasons = new UnorderedList();
        reasons.setId("declaration-reasons");
        score.reasons().forEach(r -> reasons.add(new ListItem(r)));
        if (score.reasons().isEmpty()) {
            reasons.add(new ListItem("no risk signal found"));
        }
        result.add(reasons);
    }
}
