-- runs that failed since the last publish (journalled beside the warehouse), once each
INSERT INTO runs (run_id, started_at, finished_at, status, seconds, model, sources, message)
SELECT run_id, started_at, finished_at, status, seconds, model, sources, message
FROM failed_runs
WHERE run_id NOT IN (SELECT run_id FROM runs)
