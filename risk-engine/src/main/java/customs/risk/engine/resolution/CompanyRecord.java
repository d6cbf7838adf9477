package customs.risk.engine.resolution;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One company record as a source gave it (a row of a bundle, a form), the input of entity
 * resolution. Every field but the id may be missing (null).
 */
public record CompanyRecord(
        String id,
        String name,
        String country,
        String registrationNumber,
        String address,
        String phone,
        String email,
        LocalDate registeredOn,
        LocalDate dissolvedOn) {

    public CompanyRecord {
        Objects.requireNonNull(id, "id");
    }
}
