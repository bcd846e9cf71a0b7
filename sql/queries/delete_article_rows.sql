-- rows of the articles being (re)loaded: the staged ids are registered as `reload_ids`
DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM reload_ids)
