-- A concept's values over time. Parameters: concept (matched case-insensitively inside the concept).
SELECT published_date, concept, value, value_max, normalized_unit, change, mention, title
FROM fact_metrics
WHERE concept ILIKE '%' || $concept || '%'
ORDER BY published_date, concept;
