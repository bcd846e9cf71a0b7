-- every column of the warehouse's own views, to describe them
SELECT c.table_name AS view_name, c.column_name
FROM duckdb_columns() c
JOIN duckdb_views() v ON v.view_name = c.table_name AND v.database_name = c.database_name AND v.schema_name = c.schema_name
WHERE NOT v.internal
ORDER BY c.table_name, c.column_index
