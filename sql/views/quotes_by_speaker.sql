-- Who said what: every quote with its speaker (resolved name where known), article date and title.
CREATE OR REPLACE VIEW quotes_by_speaker AS
WITH quotes_with_articles AS (
    SELECT q.*, a.published_date, a.title, a.source, a.url
    FROM quotes q
    JOIN articles a USING (article_id)
)
SELECT
    coalesce(speaker_name, speaker) AS speaker_label,
    speaker_name,
    speaker_entity_id,
    kind,
    cue,
    quote_text,
    published_date,
    title,
    source,
    article_id,
    quote_id
FROM quotes_with_articles;
