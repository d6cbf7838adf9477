package customs.risk.engine.trade;

import customs.risk.engine.network.ShellClusterDetector.SharedIdentifier;
import java.util.List;

/**
 * Everything the detectors read, held in memory: the goods flows, the companies and the
 * identifiers they share. Loaded from the graph once per scoring run.
 */
public record TradeData(List<Shipment> shipments, List<CompanyFacts> companies, List<SharedIdentifier> identifiers) {

    public TradeData {
        shipments = List.copyOf(shipments);
        companies = List.copyOf(companies);
        identifiers = List.copyOf(identifiers);
    }
}
