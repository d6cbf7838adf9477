// Addresses, phones and e-mails that more than one company (party) gives, as first written.
MATCH (c:Company)-[r:HAS_ADDRESS|HAS_PHONE|HAS_EMAIL]->(x)
WITH type(r) AS kind, x.key AS key, coalesce(x.value, x.key) AS caption, collect(DISTINCT coalesce(c.party, c.id)) AS companies
WHERE size(companies) > 1
RETURN kind, key, companies, caption
