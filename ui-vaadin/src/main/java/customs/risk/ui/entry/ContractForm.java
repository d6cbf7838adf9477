package customs.risk.ui.entry;

import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.HasHelper;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import customs.risk.ingest.ContractRows;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A form with one field per column of a bundle file, built from the contract's column rules:
 * required marks and the choices of enumerated columns come from the same place the loader's rules
 * do. Fields take text as typed; the server's rules decide and their messages go beside the
 * fields. Each field's id is {@code <prefix>-<column with dashes>}, e.g. {@code declaration-filed-on}.
 */
final class ContractForm extends FormLayout {

    /** How a column is presented: a label and an optional hint under the field. */
    record Presentation(String label, String hint) {}

    private final Map<String, AbstractField<?, String>> fields = new LinkedHashMap<>();
    private final Map<String, String> hints = new LinkedHashMap<>();

    ContractForm(String idPrefix, List<ContractRows.ColumnRule> columns, Map<String, Presentation> presentation) {
        setId(idPrefix + "-form");
        for (ContractRows.ColumnRule column : columns) {
            var shown = presentation.getOrDefault(column.name(), new Presentation(column.name(), ""));
            AbstractField<?, String> field = field(column, shown.label());
            field.setId(idPrefix + "-" + column.name().replace('_', '-'));
            field.setRequiredIndicatorVisible(column.required());
            hints.put(column.name(), shown.hint());
            helper(field, shown.hint());
            fields.put(column.name(), field);
            add(field);
            if (field instanceof TextArea) {
                setColspan(field, 2);
            }
        }
    }

    private static AbstractField<?, String> field(ContractRows.ColumnRule column, String label) {
        if (!column.allowed().isEmpty()) {
            var choice = new ComboBox<String>(label, column.allowed());
            choice.setClearButtonVisible(true);
            return choice;
        }
        if (column.name().equals("description") || column.name().equals("inspector")) {
            var area = new TextArea(label);
            area.setMaxLength(10_000);
            return area;
        }
        var text = new TextField(label);
        text.setClearButtonVisible(true);
        if (column.name().endsWith("_on")) {
            text.setPlaceholder("YYYY-MM-DD");
            // A hint only: the browser marks a malformed date at once; the server's rule decides.
            text.setPattern("\\d{4}-\\d{2}-\\d{2}");
        }
        return text;
    }

    /** The values as typed, by column; empty fields as empty strings. */
    Map<String, String> values() {
        var values = new LinkedHashMap<String, String>();
        fields.forEach((column, field) -> values.put(column, field.getValue() == null ? "" : field.getValue()));
        return values;
    }

    void setValue(String column, String value) {
        var field = fields.get(column);
        if (field != null) {
            field.setValue(value);
        }
    }

    /** Shows each error beside its field and each notice as the field's hint; clears the others. */
    void show(Map<String, String> errors, Map<String, String> notices) {
        fields.forEach((column, field) -> {
            var validation = (HasValidation) field;
            String error = errors.get(column);
            validation.setErrorMessage(error == null ? "" : error);
            validation.setInvalid(error != null);
            String notice = notices.get(column);
            helper(field, notice == null ? hints.get(column) : notice);
        });
    }

    void clear() {
        fields.values().forEach(AbstractField::clear);
        show(Map.of(), Map.of());
    }

    private static void helper(AbstractField<?, String> field, String text) {
        if (field instanceof HasHelper helper) {
            helper.setHelperText(text == null || text.isBlank() ? null : text);
        }
    }
}
