-- How often each expectation fails, over all runs.
SELECT suite, expectation, "column",
       count(*) AS checks, count(*) FILTER (WHERE NOT success) AS failed_checks,
       sum(unexpected_count) AS rows_failed, sum(element_count) AS rows_checked,
       round(100.0 * sum(unexpected_count) / nullif(sum(element_count), 0), 3) AS failure_rate_pct
FROM validation_results
GROUP BY ALL
ORDER BY failure_rate_pct DESC NULLS LAST, suite, expectation;
