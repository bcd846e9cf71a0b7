-- The actors behind the most events, by country where known. Parameters: limit (default 10).
WITH actors AS (
    SELECT coalesce(source_country, source_actor) AS actor, quad_class FROM fact_events WHERE source_actor IS NOT NULL
)
SELECT actor, count(*) AS events,
       count(*) FILTER (WHERE quad_class LIKE '%cooperation') AS cooperation,
       count(*) FILTER (WHERE quad_class LIKE '%conflict') AS conflict
FROM actors
GROUP BY actor
ORDER BY events DESC, actor
LIMIT coalesce(TRY_CAST($limit AS INTEGER), 10);
