-- which of a feed's entries (their ids registered as `incoming`) are loaded already: only their rows are read
SELECT article_id FROM articles WHERE article_id IN (SELECT article_id FROM incoming)
