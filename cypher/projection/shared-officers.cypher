// People who are officers of more than one company (party), known by name where they have one.
MATCH (p:Person)-[:OFFICER_OF]->(c:Company)
WITH p.id AS key, coalesce(p.name, p.id) AS caption, collect(DISTINCT coalesce(c.party, c.id)) AS companies
WHERE size(companies) > 1
RETURN 'OFFICER' AS kind, key, companies, caption
