-- Who is quoted most. Parameters: limit (default 10).
SELECT speaker_label AS speaker, count(*) AS quotes, count(DISTINCT article_id) AS articles,
       count(*) FILTER (WHERE kind = 'direct') AS direct_quotes
FROM fact_quotes
WHERE speaker_label IS NOT NULL
GROUP BY 1
ORDER BY quotes DESC, speaker
LIMIT coalesce(TRY_CAST($limit AS INTEGER), 10);
