-- new entities (registered as `new_rows`): one row per id, and none that the warehouse already has
-- (an anti-join, not ON CONFLICT: a DuckLake warehouse has no keys)
INSERT INTO entities (entity_id, name, type, country_code)
SELECT DISTINCT ON (entity_id) entity_id, name, type, country_code
FROM new_rows
WHERE entity_id NOT IN (SELECT entity_id FROM entities WHERE entity_id IN (SELECT entity_id FROM new_rows))
