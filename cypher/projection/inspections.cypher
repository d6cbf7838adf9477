// The outcome of the inspections of each inspected declaration: 1 when any found a violation.
MATCH (i:Inspection)-[:OF]->(d:Declaration)
RETURN d.id AS id, max(CASE i.outcome WHEN 'VIOLATION' THEN 1 ELSE 0 END) AS violation
