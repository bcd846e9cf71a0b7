-- the latest runs, newest first, for `dateline runs`
SELECT run_id, started_at, status, articles_new, articles_changed, articles_unchanged, articles_rejected,
       rows_quarantined, seconds, message
FROM runs
ORDER BY started_at DESC
LIMIT $limit
