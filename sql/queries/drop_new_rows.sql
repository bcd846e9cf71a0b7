-- the view of a table's spilled Parquet files, once they are loaded
DROP VIEW IF EXISTS new_rows
