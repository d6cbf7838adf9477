package customs.risk.ui.documents;

import com.vaadin.flow.component.datepicker.DatePicker;

/** Date pickers that read and show ISO dates (2024-03-31), the format of the data contract. */
final class Dates {

    private Dates() {}

    static void iso(DatePicker picker) {
        var i18n = new DatePicker.DatePickerI18n();
        i18n.setDateFormat("yyyy-MM-dd");
        picker.setI18n(i18n);
        picker.setPlaceholder("YYYY-MM-DD");
        picker.setClearButtonVisible(true);
    }
}
