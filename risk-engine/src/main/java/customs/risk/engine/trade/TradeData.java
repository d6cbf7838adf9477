package customs.risk.engine.trade;

import customs.risk.engine.network.ShellClusterDetector.SharedIdentifier;
import java.util.List;
import java.util.Map;

/**
 * Everything the detectors read: the goods flows (outside the heap in a {@link ShipmentTable} when
 * loaded from the graph), the companies, the identifiers they share, and what inspections found.
 * Loaded from the graph once per scoring run.
 *
 * @param violations per inspected declaration id: true when an inspection found a violation
 */
public record TradeData(
        List<Shipment> shipments,
        List<CompanyFacts> companies,
        List<SharedIdentifier> identifiers,
        Map<String, Boolean> violations) {

    public TradeData {
        // A table is unchangeable already, and copying it would bring every row onto the heap.
        shipments = shipments instanceof ShipmentTable ? shipments : List.copyOf(shipments);
        companies = List.copyOf(companies);
        identifiers = List.copyOf(identifiers);
        violations = Map.copyOf(violations);
    }

    /** Trade without inspection outcomes. */
    public TradeData(List<Shipment> shipments, List<CompanyFacts> companies, List<SharedIdentifier> identifiers) {
        this(shipments, companies, identifiers, Map.of());
    }
}
