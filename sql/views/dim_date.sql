-- Dates as a dimension: every day from the earliest to the latest article or event date, with its ISO week, month, quarter and year (join on date).
CREATE OR REPLACE VIEW dim_date AS
WITH bounds AS (
    SELECT least(min(a.published_date), (SELECT min(event_date) FROM events)) AS first_day,
           greatest(max(a.published_date), (SELECT max(event_date) FROM events)) AS last_day
    FROM articles a
),
days AS (
    SELECT CAST(unnest(generate_series(first_day, last_day, INTERVAL 1 DAY)) AS DATE) AS date
    FROM bounds
    WHERE first_day IS NOT NULL
)
SELECT date, CAST(date_trunc('week', date) AS DATE) AS week, CAST(date_trunc('month', date) AS DATE) AS month,
       CAST(date_trunc('quarter', date) AS DATE) AS quarter, year(date) AS year, isodow(date) AS day_of_week,
       strftime(date, '%Y-%m') AS month_label
FROM days;
