// The facts about each company that the phoenix and shell detectors read; the records of one
// party come under the party's id (GraphProjection merges them).
MATCH (c:Company)
RETURN coalesce(c.party, c.id) AS id, c.registeredOn AS registeredOn, c.dissolvedOn AS dissolvedOn, c.employees AS employees
