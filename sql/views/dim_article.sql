-- Articles as a dimension (join on article_id): title, source, address and date, without the body.
CREATE OR REPLACE VIEW dim_article AS
SELECT article_id, title, source, url, published_date, dateline_city, word_count, loaded_at
FROM articles;
