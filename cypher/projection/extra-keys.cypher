// Property keys of the columns bundles carried beyond the contract (x_*).
CALL db.propertyKeys() YIELD propertyKey
WITH propertyKey WHERE propertyKey STARTS WITH 'x_'
RETURN propertyKey ORDER BY propertyKey
