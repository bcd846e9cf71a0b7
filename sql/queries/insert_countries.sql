-- the countries (registered as `new_rows`), once: the table is filled only while it is empty
INSERT INTO countries (iso3, iso2, name, region)
SELECT iso3, iso2, name, region FROM new_rows
WHERE NOT EXISTS (SELECT 1 FROM countries)
