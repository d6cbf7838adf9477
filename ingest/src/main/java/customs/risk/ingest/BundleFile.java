package customs.risk.ingest;

import static customs.risk.ingest.Column.optional;
import static customs.risk.ingest.Column.optionalEnum;
import static customs.risk.ingest.Column.required;
import static customs.risk.ingest.Column.requiredEnum;
import static customs.risk.ingest.ColumnType.COUNTRY;
import static customs.risk.ingest.ColumnType.CURRENCY;
import static customs.risk.ingest.ColumnType.DATE;
import static customs.risk.ingest.ColumnType.HS_CODE;
import static customs.risk.ingest.ColumnType.ID;
import static customs.risk.ingest.ColumnType.INTEGER;
import static customs.risk.ingest.ColumnType.NON_NEGATIVE;
import static customs.risk.ingest.ColumnType.POSITIVE;
import static customs.risk.ingest.ColumnType.TEXT;
import static customs.risk.ingest.ColumnType.UNIT;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The files of a bundle as docs/DATA-CONTRACT.md defines them, in the order they load: what a row
 * refers to is loaded before the row.
 */
enum BundleFile {
    EXCHANGE_RATES(
            "exchange_rates.csv",
            r -> r.get("currency") + "@" + r.get("valid_on"),
            required("currency", CURRENCY),
            required("valid_on", DATE),
            required("rate_to_base", POSITIVE)),
    OFFICES(
            "offices.csv",
            "office_code",
            required("office_code", ID),
            required("name", TEXT),
            required("country", COUNTRY),
            optionalEnum("kind", "SEAPORT", "AIRPORT", "LAND_BORDER", "INLAND")),
    COMPANIES(
            "companies.csv",
            "company_id",
            required("company_id", ID),
            required("name", TEXT),
            required("country", COUNTRY),
            optional("registration_number", TEXT),
            optional("registered_on", DATE),
            optional("dissolved_on", DATE),
            optional("address", TEXT),
            optional("phone", TEXT),
            optional("email", TEXT),
            optional("employees", INTEGER)),
    PEOPLE(
            "people.csv",
            "person_id",
            required("person_id", ID),
            required("name", TEXT),
            optional("nationality", COUNTRY)),
    OFFICERS(
            "officers.csv",
            r -> r.get("company_id") + "|" + r.get("person_id") + "|" + r.get("role") + "|" + r.get("since"),
            required("company_id", ID),
            required("person_id", ID),
            requiredEnum("role", "DIRECTOR", "SHAREHOLDER", "LEGAL_REPRESENTATIVE", "BENEFICIAL_OWNER"),
            optional("since", DATE),
            optional("until", DATE)),
    DECLARATIONS(
            "declarations.csv",
            "declaration_id",
            required("declaration_id", ID),
            required("filed_on", DATE),
            requiredEnum("direction", "IMPORT", "EXPORT"),
            required("office_code", ID),
            required("seller_id", ID),
            required("buyer_id", ID),
            optional("declarant_id", ID),
            required("hs_code", HS_CODE),
            optional("description", TEXT),
            required("origin_country", COUNTRY),
            optional("departure_country", COUNTRY),
            optional("destination_country", COUNTRY),
            optionalEnum("transport_mode", "SEA", "AIR", "ROAD", "RAIL", "POST"),
            required("quantity", POSITIVE),
            optional("quantity_unit", UNIT),
            optional("net_mass_kg", NON_NEGATIVE),
            required("declared_value", NON_NEGATIVE),
            optional("currency", CURRENCY),
            optional("duty_rate", NON_NEGATIVE)),
    INSPECTIONS(
            "inspections.csv",
            r -> r.get("declaration_id") + "@" + r.get("inspected_on"),
            required("declaration_id", ID),
            required("inspected_on", DATE),
            requiredEnum("outcome", "COMPLIANT", "VIOLATION"),
            optionalEnum(
                    "violation_type",
                    "UNDERVALUATION",
                    "OVERVALUATION",
                    "MISCLASSIFICATION",
                    "ORIGIN",
                    "SMUGGLING",
                    "OTHER"),
            optional("revenue_recovered", NON_NEGATIVE),
            optional("inspector", TEXT)),
    DOCUMENTS(
            "documents.csv",
            "document_id",
            required("document_id", ID),
            required("file", TEXT),
            requiredEnum(
                    "doc_type",
                    "INVOICE",
                    "BILL_OF_LADING",
                    "PACKING_LIST",
                    "CERTIFICATE_OF_ORIGIN",
                    "CONTRACT",
                    "PHOTO",
                    "OTHER"),
            optional("declaration_id", ID),
            optional("company_id", ID),
            optional("filed_on", DATE));

    private final String fileName;
    private final Function<Map<String, Object>, String> key;
    private final String idColumn;
    private final List<Column> columns;

    BundleFile(String fileName, Function<Map<String, Object>, String> key, Column... columns) {
        this.fileName = fileName;
        this.key = key;
        this.columns = List.of(columns);
        this.idColumn = null;
    }

    BundleFile(String fileName, String idColumn, Column... columns) {
        this.fileName = fileName;
        this.key = values -> (String) values.get(idColumn);
        this.columns = List.of(columns);
        this.idColumn = idColumn;
    }

    /** The column whose value is the node's own key, stored as {@code id}/{@code code}; null for composite keys. */
    String idColumn() {
        return idColumn;
    }

    String fileName() {
        return fileName;
    }

    List<Column> columns() {
        return columns;
    }

    /** The identity of a row: two rows with the same key describe the same thing. */
    String keyOf(Map<String, Object> values) {
        return key.apply(values);
    }

    boolean isRequiredFile() {
        return this == DECLARATIONS;
    }
}
