-- a migration once applied
INSERT INTO schema_migrations VALUES ($version, $name, $at)
