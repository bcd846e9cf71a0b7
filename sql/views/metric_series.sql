-- Each concept's values over time: one row per metric with its article's date, for charts.
CREATE OR REPLACE VIEW metric_series AS
WITH metrics_with_dates AS (
    SELECT m.*, a.published_date, a.title
    FROM metrics m
    JOIN articles a USING (article_id)
)
SELECT
    lower(concept) AS concept,
    published_date,
    value,
    value_max,
    normalized_unit,
    change,
    text AS mention,
    title,
    article_id,
    metric_id
FROM metrics_with_dates
WHERE concept IS NOT NULL;
