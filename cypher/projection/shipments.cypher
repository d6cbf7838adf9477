// Every declaration with its seller and buyer: what the analysis reads (risk-engine GraphProjection).
// Companies are read as their party when entity resolution put them in one (party: the party's id).
// $extraKeys: the x_* property keys that bundles carried beyond the contract (extra-keys.cypher).
MATCH (s:Company)<-[:SOLD_BY]-(d:Declaration)-[:BOUGHT_BY]->(b:Company)
OPTIONAL MATCH (d)-[:DECLARED_BY]->(x:Company)
OPTIONAL MATCH (d)-[:LODGED_AT]->(o:Office)
RETURN d.id AS id, d.filedOn AS filedOn, coalesce(s.party, s.id) AS seller, coalesce(b.party, b.id) AS buyer, d.hsCode AS hs,
       d.originCountry AS origin, d.quantity AS quantity, d.quantityUnit AS unit, d.valueUsd AS usd,
       coalesce(x.party, x.id) AS declarant, o.code AS office, d.netMassKg AS netMass, d.dutyRate AS duty,
       d.direction AS direction, d.departureCountry AS departure, d.transportMode AS transport,
       [k IN $extraKeys | toString(d[k])] AS extras
