-- Metrics as a BI fact table, with the article's date.
CREATE OR REPLACE VIEW fact_metrics AS
SELECT m.metric_id, m.article_id, a.published_date, m.value, m.value_max, m.normalized_unit, m.change,
       m.concept, m.text AS mention, a.title, a.source AS article_source
FROM metrics m
JOIN articles a USING (article_id);
