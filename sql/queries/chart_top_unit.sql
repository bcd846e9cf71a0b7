-- the unit reported on most dates (for the HTML report's metric chart)
SELECT normalized_unit, count(DISTINCT published_date) AS days
FROM fact_metrics
WHERE published_date IS NOT NULL AND normalized_unit <> '-'
GROUP BY 1
ORDER BY days DESC, count(*) DESC
LIMIT 1
