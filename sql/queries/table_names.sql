-- the tables a warehouse holds (an older or empty file may lack some)
SELECT table_name FROM information_schema.tables
