-- Countries as a dimension (join any *_country column on country_code): ISO 3166 alpha-3 and alpha-2, name, continent.
CREATE OR REPLACE VIEW dim_country AS
SELECT iso3 AS country_code, iso2, name, region
FROM countries;
