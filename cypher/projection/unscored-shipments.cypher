// The declarations filed since the last scoring (labelled Unscored until scored), as shipments.cypher
// returns them.
MATCH (d:Unscored:Declaration) WHERE d.sellerId IS NOT NULL AND d.buyerId IS NOT NULL
RETURN d.id AS id, d.filedOn AS filedOn, d.sellerId AS seller, d.buyerId AS buyer, d.hsCode AS hs,
       d.originCountry AS origin, d.quantity AS quantity, d.quantityUnit AS unit, d.valueUsd AS usd,
       d.declarantId AS declarant, d.officeCode AS office, d.netMassKg AS netMass, d.dutyRate AS duty,
       d.direction AS direction, d.departureCountry AS departure, d.transportMode AS transport,
       [k IN $extraKeys | toString(d[k])] AS extras
