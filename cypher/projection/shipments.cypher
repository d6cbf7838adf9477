// The declarations whose node ids lie in [$from, $to), with their seller and buyer: what the
// analysis reads (risk-engine GraphProjection, which reads the id ranges side by side).
// The companies come from the declaration's own sellerId, buyerId and declarantId (the ids its links
// point to), not from its links: reading them costs no walk to the company; GraphProjection puts
// each company under its party.
// $extraKeys: the x_* property keys that bundles carried beyond the contract (extra-keys.cypher).
// digest: that of the score the declaration holds (RiskStore), null when it has none or was filed
// again since: a rescoring then stores only the scores that differ, without asking the store again.
MATCH (d:Declaration) WHERE id(d) >= $from AND id(d) < $to AND d.sellerId IS NOT NULL AND d.buyerId IS NOT NULL
RETURN d.id AS id, d.filedOn AS filedOn, d.sellerId AS seller, d.buyerId AS buyer, d.hsCode AS hs,
       d.originCountry AS origin, d.quantity AS quantity, d.quantityUnit AS unit, d.valueUsd AS usd,
       d.declarantId AS declarant, d.officeCode AS office, d.netMassKg AS netMass, d.dutyRate AS duty,
       d.direction AS direction, d.departureCountry AS departure, d.transportMode AS transport,
       [k IN $extraKeys | toString(d[k])] AS extras,
       CASE WHEN d:Unscored THEN null ELSE d.riskDigest END AS digest
