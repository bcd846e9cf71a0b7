-- which numbered migrations of sql/migrations/ a warehouse has had
CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)
