-- Quotes as a BI fact table, with the speaker's entity type and country where known.
CREATE OR REPLACE VIEW fact_quotes AS
WITH quotes_with_articles AS (
    SELECT q.*, a.published_date, a.title, a.source AS article_source
    FROM quotes q
    JOIN articles a USING (article_id)
)
SELECT
    q.quote_id, q.article_id, q.published_date, q.kind, q.cue, q.quote_text,
    q.speaker, coalesce(q.speaker_name, q.speaker) AS speaker_label, q.speaker_entity_id,
    ent.type AS speaker_type, ent.country_code AS speaker_country, q.title, q.article_source
FROM quotes_with_articles q
LEFT JOIN entities ent ON ent.entity_id = q.speaker_entity_id;
