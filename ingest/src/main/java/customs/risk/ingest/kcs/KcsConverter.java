package customs.risk.ingest.kcs;

import customs.risk.ingest.BundleException;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Turns the public KCS customs dataset (Jeong et al., arXiv:2208.02484; one CSV of inspected import
 * declarations) into a contract bundle, so that it loads through the same ingest as any bundle.
 *
 * <p>Mapping: importer -> buyer, seller -> seller (a declaration without one gets an "undeclared
 * seller" company per country of departure), declarant -> declarant; office, HS6, countries of
 * origin and departure; net mass becomes the quantity in KG; item price becomes the declared value
 * in KRW, converted at one fixed approximate rate (the dataset gives none); the Fraud label becomes
 * an inspection outcome (unless the declarations are to be ranked as new ones, without it). Other KCS
 * columns travel as extra columns ({@code kcs_*}).
 */
public final class KcsConverter {

    /** KRW per USD, 2020 annual average (approximate); the dataset carries no rates. */
    public static final double KRW_PER_USD = 1180.0;

    private static final List<String> REQUIRED = List.of(
            "Declaration ID",
            "Date",
            "Office ID",
            "Declarant ID",
            "Importer ID",
            "Seller ID",
            "HS6 Code",
            "Country of Departure",
            "Country of Origin",
            "Net Mass",
            "Item Price",
            "Fraud");

    private KcsConverter() {}

    /** Writes the bundle for {@code kcsCsv} into {@code bundleDir}; returns the number of declarations written. */
    public static long convert(Path kcsCsv, Path bundleDir) throws BundleException {
        return convert(kcsCsv, bundleDir, true);
    }

    /**
     * As {@link #convert(Path, Path)}; with {@code withOutcomes} false the Fraud labels stay out of
     * the bundle, so its declarations load as new ones awaiting a decision.
     */
    public static long convert(Path kcsCsv, Path bundleDir, boolean withOutcomes) throws BundleException {
        if (!Files.isReadable(kcsCsv)) {
            throw new BundleException(kcsCsv + ": the KCS file cannot be read");
        }
        var companies = new TreeMap<String, String[]>();
        var offices = new TreeMap<String, String>();
        long count = 0;
        try (Reader in = Files.newBufferedReader(kcsCsv, StandardCharsets.UTF_8);
                var parser = CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(in)) {
            var missing = REQUIRED.stream()
                    .filter(c -> !parser.getHeaderMap().containsKey(c))
                    .toList();
            if (!missing.isEmpty()) {
                throw new BundleException(kcsCsv.getFileName() + ": not a KCS file: column(s) "
                        + String.join(", ", missing) + " missing");
            }
            Files.createDirectories(bundleDir);
            try (var declarations = printer(
                            bundleDir.resolve("declarations.csv"),
                            "declaration_id",
                            "filed_on",
                            "direction",
                            "office_code",
                            "seller_id",
                            "buyer_id",
                            "declarant_id",
                            "hs_code",
                            "origin_country",
                            "departure_country",
                            "destination_country",
                            "quantity",
                            "quantity_unit",
                            "net_mass_kg",
                            "declared_value",
                            "currency",
                            "duty_rate",
                            "kcs_process_type",
                            "kcs_import_type",
                            "kcs_import_use",
                            "kcs_payment_type",
                            "kcs_mode_of_transport",
                            "kcs_courier_id",
                            "kcs_tax_type",
                            "kcs_origin_indicator");
                    var inspections = printer(
                            bundleDir.resolve("inspections.csv"),
                            "declaration_id",
                            "inspected_on",
                            "outcome",
                            "violation_type",
                            "inspector",
                            "kcs_critical_fraud")) {
                for (CSVRecord r : parser) {
                    String id = "KCS-" + r.get("Declaration ID");
                    String departure = r.get("Country of Departure");
                    String importer = "KCS-IMP-" + r.get("Importer ID");
                    String declarant = "KCS-DCL-" + r.get("Declarant ID");
                    String seller = r.get("Seller ID").isBlank()
                            ? "KCS-SEL-UNDECLARED-" + departure
                            : "KCS-SEL-" + r.get("Seller ID");
                    String office = "KCS-" + r.get("Office ID");
                    companies.putIfAbsent(importer, new String[] {"Importer " + r.get("Importer ID"), "KR"});
                    companies.putIfAbsent(declarant, new String[] {"Customs broker " + r.get("Declarant ID"), "KR"});
                    companies.putIfAbsent(seller, new String[] {
                        r.get("Seller ID").isBlank()
                                ? "Undeclared seller (" + departure + ")"
                                : "Seller " + r.get("Seller ID"),
                        departure
                    });
                    offices.putIfAbsent(office, "Customs office " + r.get("Office ID"));
                    String hs = "0".repeat(Math.max(0, 6 - r.get("HS6 Code").length())) + r.get("HS6 Code");
                    declarations.printRecord(
                            id,
                            r.get("Date"),
                            "IMPORT",
                            office,
                            seller,
                            importer,
                            declarant,
                            hs,
                            r.get("Country of Origin"),
                            departure,
                            "KR",
                            r.get("Net Mass"),
                            "KG",
                            r.get("Net Mass"),
                            r.get("Item Price"),
                            "KRW",
                            optional(r, "Tax Rate"),
                            optional(r, "Process Type"),
                            optional(r, "Import Type"),
                            optional(r, "Import Use"),
                            optional(r, "Payment Type"),
                            optional(r, "Mode of Transport"),
                            optional(r, "Courier ID"),
                            optional(r, "Tax Type"),
                            optional(r, "Country of Origin Indicator"));
                    boolean fraud = "1".equals(r.get("Fraud"));
                    if (withOutcomes) {
                        inspections.printRecord(
                                id,
                                r.get("Date"),
                                fraud ? "VIOLATION" : "COMPLIANT",
                                fraud ? "OTHER" : "",
                                "KCS",
                                optional(r, "Critical Fraud"));
                    }
                    count++;
                }
            }
            writeCompanies(bundleDir, companies);
            writeOffices(bundleDir, offices);
            try (var rates = printer(bundleDir.resolve("exchange_rates.csv"), "currency", "valid_on", "rate_to_base")) {
                rates.printRecord(
                        "KRW",
                        "2000-01-01",
                        BigDecimal.ONE
                                .divide(BigDecimal.valueOf(KRW_PER_USD), MathContext.DECIMAL64)
                                .toPlainString());
            }
            return count;
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw new BundleException(
                    kcsCsv.getFileName() + ": cannot be read as a KCS CSV file: " + e.getMessage(), e);
        }
    }

    private static String optional(CSVRecord r, String column) {
        return r.isMapped(column) ? r.get(column) : "";
    }

    private static void writeCompanies(Path bundleDir, Map<String, String[]> companies) throws IOException {
        try (var out = printer(bundleDir.resolve("companies.csv"), "company_id", "name", "country")) {
            for (var e : companies.entrySet()) {
                out.printRecord(e.getKey(), e.getValue()[0], e.getValue()[1]);
            }
        }
    }

    private static void writeOffices(Path bundleDir, Map<String, String> offices) throws IOException {
        try (var out = printer(bundleDir.resolve("offices.csv"), "office_code", "name", "country")) {
            for (var e : offices.entrySet()) {
                out.printRecord(e.getKey(), e.getValue(), "KR");
            }
        }
    }

    private static CSVPrinter printer(Path file, String... header) throws IOException {
        return new CSVPrinter(
                Files.newBufferedWriter(file, StandardCharsets.UTF_8),
                CSVFormat.RFC4180
                        .builder()
                        .setHeader(header)
                        .setRecordSeparator("\n")
                        .get());
    }
}
