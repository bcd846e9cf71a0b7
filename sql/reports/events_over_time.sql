-- Events per month and quad class (deduplicated: an event reported by many stories counts once).
SELECT date_trunc('month', event_date) AS month, quad_class, count(*) AS events, sum(reports) AS reports
FROM events_deduplicated
WHERE event_date IS NOT NULL
GROUP BY ALL
ORDER BY month, quad_class;
