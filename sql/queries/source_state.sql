-- the state each source was left in by the last run
SELECT source, etag, last_modified, watermark, error_count FROM sources
