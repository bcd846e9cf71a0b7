-- One row per real-world event, not per story: the same (date, type, source country/actor,
-- target country/actor) reported by several articles folds into one row with the number of reports.
CREATE OR REPLACE VIEW events_deduplicated AS
WITH keyed_events AS (
    SELECT
        e.*,
        coalesce(e.source_country, lower(e.source_actor), '?') AS source_key,
        coalesce(e.target_country, lower(e.target_actor), '?') AS target_key
    FROM events e
)
SELECT
    event_date,
    event_type,
    any_value(quad_class) AS quad_class,
    source_key AS source,
    target_key AS target,
    any_value(source_actor) AS source_actor_example,
    any_value(target_actor) AS target_actor_example,
    any_value(location) AS location,
    count(*) AS reports,
    count(DISTINCT article_id) AS articles,
    string_agg(DISTINCT article_id, ', ' ORDER BY article_id) AS article_ids  -- text, which every BI tool reads
FROM keyed_events
WHERE NOT coalesce(negated, false) OR event_type = 'REJECT'
GROUP BY event_date, event_type, source_key, target_key;
