-- a table of article rows to Parquet files partitioned by the month of the article's date
COPY (
    WITH rows_with_month AS (
        SELECT t.*, coalesce(strftime(a.published_date, '%Y-%m'), 'undated') AS month
        FROM query_table($table) t
        LEFT JOIN articles a USING (article_id)
    )
    SELECT * FROM rows_with_month
) TO $path (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (month), OVERWRITE_OR_IGNORE)
