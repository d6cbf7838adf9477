// People who are officers of more than one company.
MATCH (p:Person)-[:OFFICER_OF]->(c:Company)
WITH p.id AS key, collect(DISTINCT c.id) AS companies
WHERE size(companies) > 1
RETURN 'OFFICER' AS kind, key, companies
