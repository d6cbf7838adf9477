// The facts about each company that the phoenix and shell detectors read.
MATCH (c:Company)
RETURN c.id AS id, c.registeredOn AS registeredOn, c.dissolvedOn AS dissolvedOn, c.employees AS employees
