-- Entities first loaded in the 7 days up to a date. Parameters: as_of (ISO date, default today).
SELECT name, type, country_code, mentions, articles, first_seen, first_loaded
FROM dim_entities
WHERE first_loaded >= coalesce(TRY_CAST($as_of AS DATE), current_date) - INTERVAL 7 DAY
  AND first_loaded < coalesce(TRY_CAST($as_of AS DATE), current_date) + INTERVAL 1 DAY
ORDER BY mentions DESC, name;
