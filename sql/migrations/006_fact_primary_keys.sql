-- The fact tables' ids were unique from the start; declared as primary keys so that BI tools see them
-- (SQLAlchemy's inspector, Superset's and Metabase's table metadata). Foreign keys are declared in the
-- column descriptions (COMMENT ON, e.g. "the article's id (articles.article_id)"): DuckDB's foreign keys
-- would forbid replacing a changed article's rows in the load's one transaction.
ALTER TABLE quotes ADD PRIMARY KEY (quote_id);
ALTER TABLE metrics ADD PRIMARY KEY (metric_id);
ALTER TABLE events ADD PRIMARY KEY (event_id);
