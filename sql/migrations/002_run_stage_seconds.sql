-- Time per stage of each run (read, parse, plan, extract, validate, load), as JSON: for benchmarks and run health.
ALTER TABLE runs ADD COLUMN IF NOT EXISTS stage_seconds JSON;
ALTER TABLE runs ADD COLUMN IF NOT EXISTS workers INTEGER;
