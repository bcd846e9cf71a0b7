-- Events as a BI fact table: one row per coded event with its article's date, title and source.
CREATE OR REPLACE VIEW fact_events AS
WITH events_with_articles AS (
    SELECT e.*, a.published_date, a.title, a.source AS article_source, a.url
    FROM events e
    JOIN articles a USING (article_id)
)
SELECT
    event_id, article_id, published_date, event_date, date_trunc('month', event_date) AS event_month,
    event_type, quad_class, trigger, negated,
    source_actor, source_country, target_actor, target_country,
    location, title, article_source, url
FROM events_with_articles;
