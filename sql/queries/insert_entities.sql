-- new entities (registered as `new_rows`): one row per id, and none that the warehouse already has
INSERT INTO entities (entity_id, name, type, country_code)
SELECT DISTINCT ON (entity_id) entity_id, name, type, country_code
FROM new_rows
ON CONFLICT DO NOTHING
