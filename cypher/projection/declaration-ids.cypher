// The span of the declarations' node ids, which GraphProjection cuts into ranges read side by side.
MATCH (d:Declaration) RETURN min(id(d)) AS low, max(id(d)) AS high
