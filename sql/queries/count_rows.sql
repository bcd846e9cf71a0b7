-- the rows of one table (its name bound as $table, from a fixed list)
SELECT count(*) FROM query_table($table)
