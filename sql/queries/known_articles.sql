-- what the warehouse holds of the incoming articles, to tell new, changed (text or date, title, url, city)
-- and unchanged apart: the rows with an incoming id, and those with an incoming text under another id
WITH incoming_ids AS (SELECT DISTINCT article_id FROM incoming),
incoming_hashes AS (SELECT DISTINCT content_hash FROM incoming)
SELECT a.article_id, a.content_hash, a.title, a.url, CAST(a.published_date AS VARCHAR) AS published_date,
       a.dateline_city
FROM articles AS a
WHERE a.article_id IN (SELECT article_id FROM incoming_ids)
   OR a.content_hash IN (SELECT content_hash FROM incoming_hashes)
