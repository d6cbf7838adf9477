package customs.risk.engine.trade;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What the analysis knows of a company besides its trade.
 *
 * @param id company id
 * @param registeredOn incorporation date, null when unknown
 * @param dissolvedOn dissolution date, null while active
 * @param employees headcount, null when unknown
 * @param firstDeclared first filing date of any declaration it takes part in, null when none
 * @param tradedUsd total customs value of its declarations (as seller or buyer), USD
 */
public record CompanyFacts(
        String id,
        LocalDate registeredOn,
        LocalDate dissolvedOn,
        Integer employees,
        LocalDate firstDeclared,
        double tradedUsd) {

    public CompanyFacts {
        Objects.requireNonNull(id, "id");
    }

    /** Years from incorporation to first declaration; NaN when either is unknown. */
    public double yearsOldAtFirstDeclaration() {
        if (registeredOn == null || firstDeclared == null) {
            return Double.NaN;
        }
        return (firstDeclared.toEpochDay() - registeredOn.toEpochDay()) / 365.25;
    }
}
