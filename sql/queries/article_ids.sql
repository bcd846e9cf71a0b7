-- every loaded article's id, so that a feed does not fetch again what is loaded
SELECT article_id FROM articles
