-- a DuckLake warehouse's snapshot of each run (its commit message is the run's id), for `dateline runs`
-- and time travel: SELECT … FROM events AT (VERSION => snapshot)
SELECT commit_message AS run_id, snapshot_id AS snapshot
FROM dateline.snapshots()
WHERE commit_message IS NOT NULL
