-- Entities as a dimension: how often and since when each is mentioned.
CREATE OR REPLACE VIEW dim_entities AS
WITH mention_stats AS (
    SELECT m.entity_id, count(*) AS mentions, count(DISTINCT m.article_id) AS articles,
           min(a.published_date) AS first_seen, max(a.published_date) AS last_seen, min(a.loaded_at) AS first_loaded
    FROM mentions m
    JOIN articles a USING (article_id)
    GROUP BY m.entity_id
)
SELECT e.entity_id, e.name, e.type, e.country_code, s.mentions, s.articles, s.first_seen, s.last_seen, s.first_loaded
FROM entities e
LEFT JOIN mention_stats s USING (entity_id);
