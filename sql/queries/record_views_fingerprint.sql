-- the views and descriptions just created (the latest row is the warehouse's version)
INSERT INTO schema_views VALUES ($fingerprint, $at)
