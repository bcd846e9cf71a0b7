-- the migrations already applied
SELECT version FROM schema_migrations
