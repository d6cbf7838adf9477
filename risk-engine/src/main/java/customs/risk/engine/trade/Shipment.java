package customs.risk.engine.trade;

import java.time.LocalDate;
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
 */
public record Shipment(
        String declarationId, LocalDate filedOn, String sellerId, String buyerId, String hsCode,
        String originCountry, double quantity, String quantityUnit, double valueUsd, String declarantId,
        String officeCode) {

    /** A shipment whose broker and office do not matter to the caller. */
    public Shipment(String declarationId, LocalDate filedOn, String sellerId, String buyerId, String hsCode,
            String originCountry, double quantity, String quantityUnit, double valueUsd) {
        this(declarationId, filedOn, sellerId, buyerId, hsCode, originCountry, quantity, quantityUnit, valueUsd, null,
                null);
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
