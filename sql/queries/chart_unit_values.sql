-- every value reported in one unit, by article date (for the HTML report's metric chart)
SELECT published_date, value, coalesce(concept, '') AS concept
FROM fact_metrics
WHERE normalized_unit = $u AND published_date IS NOT NULL
ORDER BY published_date
