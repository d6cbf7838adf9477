package customs.risk.engine.trade;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One goods item as the analysis sees it: goods flowing from seller to buyer on a date.
 *
 * @param declarationId the item's declaration id
 * @param filedOn filing date
 * @param sellerId company the goods come from
 * @param buyerId company the goods go to
 * @param hsCode tariff code, 6 to 10 digits
 * @param originCountry country of origin of the goods
 * @param quantity units declared, greater than 0
 * @param quantityUnit unit of {@code quantity} (KG, PCS, ...)
 * @param valueUsd customs value in USD, {@code NaN} when unknown
 * @param declarantId the customs broker who lodged it, null when none
 * @param officeCode the office where it was lodged, null when unknown
 * @param netMassKg net mass in kilograms, {@code NaN} when not declared
 * @param dutyRate duty rate applied, percent, {@code NaN} when not declared
 * @param attributes the item's other columns by name, as filed: {@code direction},
 *     {@code departure_country}, {@code transport_mode} and every column a bundle carries beyond
 *     the contract (e.g. {@code kcs_process_type}); what the learned score reads besides the above
 */
public record Shipment(
        String declarationId,
        LocalDate filedOn,
        String sellerId,
        String buyerId,
        String hsCode,
        String originCountry,
        double quantity,
        String quantityUnit,
        double valueUsd,
        String declarantId,
        String officeCode,
        double netMassKg,
        double dutyRate,
        Map<String, String> attributes) {

    /** A shipment whose broker and office do not matter to the caller. */
    public Shipment(
            String declarationId,
            LocalDate filedOn,
            String sellerId,
            String buyerId,
            String hsCode,
            String originCountry,
            double quantity,
            String quantityUnit,
            double valueUsd) {
        this(
                declarationId,
                filedOn,
                sellerId,
                buyerId,
                hsCode,
                originCountry,
                quantity,
                quantityUnit,
                valueUsd,
                null,
                null);
    }

    /** A shipment without mass, duty rate or other columns. */
    public Shipment(
            String declarationId,
            LocalDate filedOn,
            String sellerId,
            String buyerId,
            String hsCode,
            String originCountry,
            double quantity,
            String quantityUnit,
            double valueUsd,
            String declarantId,
            String officeCode) {
        this(
                declarationId,
                filedOn,
                sellerId,
                buyerId,
                hsCode,
                originCountry,
                quantity,
                quantityUnit,
                valueUsd,
                declarantId,
                officeCode,
                Double.NaN,
                Double.NaN,
                Map.of());
    }

    public Shipment {
        Objects.requireNonNull(declarationId, "declarationId");
        Objects.requireNonNull(filedOn, "filedOn");
        Objects.requireNonNull(sellerId, "sellerId");
        Objects.requireNonNull(buyerId, "buyerId");
        if (hsCode == null || hsCode.length() < 6) {
            throw new IllegalArgumentException("hsCode must have at least 6 digits: " + hsCode);
        }
        if (!(quantity > 0)) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
        attributes = attributes == null ? Map.of() : attributes;
    }

    /** The HS heading (first four digits): "the same goods" for loops. */
    public String hs4() {
        return hsCode.substring(0, 4);
    }

    public String hs6() {
        return hsCode.substring(0, 6);
    }

    public String hs2() {
        return hsCode.substring(0, 2);
    }

    /** Value per unit in USD, {@code NaN} when the value is unknown. */
    public double unitValueUsd() {
        return valueUsd / quantity;
    }
}
