// The companies that entity resolution put in a party (party: the party's id), read as their party.
MATCH (c:Company) WHERE c.party IS NOT NULL RETURN c.id AS id, c.party AS party
