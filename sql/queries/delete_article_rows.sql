-- the rows of the articles being (re)loaded, from every table that holds rows of one article;
-- the staged ids are registered as `reload_ids`
DELETE FROM mentions WHERE article_id IN (SELECT article_id FROM reload_ids);
DELETE FROM quotes WHERE article_id IN (SELECT article_id FROM reload_ids);
DELETE FROM metrics WHERE article_id IN (SELECT article_id FROM reload_ids);
DELETE FROM events WHERE article_id IN (SELECT article_id FROM reload_ids);
DELETE FROM articles WHERE article_id IN (SELECT article_id FROM reload_ids);
