-- the warehouse already has these views and descriptions: its latest recorded version is this one
SELECT 1 FROM (SELECT fingerprint FROM schema_views ORDER BY applied_at DESC LIMIT 1) WHERE fingerprint = $fingerprint
