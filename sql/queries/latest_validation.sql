-- The latest run's validation results, failures first: what the HTML report shows offline
-- (Great Expectations' Data Docs load their styles and scripts from the internet).
WITH latest_run AS (
    SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1
)
SELECT v.suite, v.expectation, v."column", CASE WHEN v.success THEN 'passed' ELSE 'FAILED' END AS result,
       v.unexpected_count, v.element_count
FROM validation_results v
JOIN latest_run USING (run_id)
ORDER BY v.success, v.suite, v.expectation, v."column"
