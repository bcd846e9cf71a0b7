-- which version of the views and descriptions (a hash of sql/views/ and the comments) a warehouse has
CREATE TABLE IF NOT EXISTS schema_views (fingerprint VARCHAR, applied_at TIMESTAMP)
