-- one table to one CSV file with a header
COPY (SELECT * FROM query_table($table)) TO $path (FORMAT csv, HEADER)
