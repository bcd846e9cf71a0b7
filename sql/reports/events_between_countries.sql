-- Events between two countries by month and quad class. Parameters: a, b (ISO alpha-3 codes).
SELECT event_month AS month, quad_class, count(*) AS events,
       list(DISTINCT event_type ORDER BY event_type) AS event_types
FROM fact_events
WHERE (source_country = upper($a) AND target_country = upper($b))
   OR (source_country = upper($b) AND target_country = upper($a))
GROUP BY ALL
ORDER BY month, quad_class;
