// Addresses, phones and e-mails that more than one company gives.
MATCH (c:Company)-[r:HAS_ADDRESS|HAS_PHONE|HAS_EMAIL]->(x)
WITH type(r) AS kind, x.key AS key, collect(c.id) AS companies
WHERE size(companies) > 1
RETURN kind, key, companies
