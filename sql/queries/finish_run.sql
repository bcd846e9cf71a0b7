-- the run's own time includes loading: add it once the rows are in the staging file
UPDATE runs
SET finished_at = $finished_at,
    seconds = round(seconds + $load_seconds, 3),
    stage_seconds = json_merge_patch(coalesce(stage_seconds, '{}'), json_object('load', round($load_seconds, 3)))
WHERE run_id = $run_id
