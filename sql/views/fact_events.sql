-- Events as a BI fact table: one row per coded event, keyed to dim_article (article_id), dim_date (event_date, published_date) and dim_country (source_country, target_country).
CREATE OR REPLACE VIEW fact_events AS
WITH events_with_articles AS (
    SELECT e.*, a.published_date, a.title, a.source AS article_source, a.url
    FROM events e
    JOIN articles a USING (article_id)
)
SELECT
    event_id, article_id, published_date, event_date, CAST(date_trunc('month', event_date) AS DATE) AS event_month,
    event_type, quad_class, trigger, negated,
    source_actor, source_country, target_actor, target_country,
    location, title, article_source, url
FROM events_with_articles;
