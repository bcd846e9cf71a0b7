-- content hash of every loaded article, to tell new, changed and unchanged input apart
SELECT article_id, content_hash FROM articles
