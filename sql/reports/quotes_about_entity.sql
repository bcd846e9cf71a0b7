-- Quotes that mention an entity. Parameters: entity (a name, matched case-insensitively).
SELECT q.published_date, q.speaker_label AS speaker, q.kind, q.quote_text, q.title
FROM fact_quotes q
WHERE q.quote_text ILIKE '%' || $entity || '%'
ORDER BY q.published_date DESC, q.speaker_label;
