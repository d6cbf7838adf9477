// The declarations filed since the last scoring (no score yet), as shipments.cypher returns them.
MATCH (d:Declaration) WHERE d.riskScore IS NULL
MATCH (s:Company)<-[:SOLD_BY]-(d)-[:BOUGHT_BY]->(b:Company)
OPTIONAL MATCH (d)-[:DECLARED_BY]->(x:Company)
OPTIONAL MATCH (d)-[:LODGED_AT]->(o:Office)
RETURN d.id AS id, d.filedOn AS filedOn, coalesce(s.party, s.id) AS seller, coalesce(b.party, b.id) AS buyer, d.hsCode AS hs,
       d.originCountry AS origin, d.quantity AS quantity, d.quantityUnit AS unit, d.valueUsd AS usd,
       coalesce(x.party, x.id) AS declarant, o.code AS office, d.netMassKg AS netMass, d.dutyRate AS duty,
       d.direction AS direction, d.departureCountry AS departure, d.transportMode AS transport,
       [k IN $extraKeys | toString(d[k])] AS extras
