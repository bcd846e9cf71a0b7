-- every column of the warehouse's tables and views with its type and description, in table order
SELECT table_name AS relation, column_name AS name, data_type, comment
FROM duckdb_columns()
WHERE NOT internal AND schema_name = 'main'
ORDER BY table_name, column_index
