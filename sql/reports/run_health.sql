-- Every run: when, how long, what came in, what was rejected or quarantined.
SELECT run_id, started_at, status, seconds, articles_new, articles_changed, articles_unchanged,
       articles_rejected, rows_quarantined, sources
FROM runs
ORDER BY started_at DESC;
