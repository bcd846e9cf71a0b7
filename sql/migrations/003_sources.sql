-- Per-source state, so each scheduled run fetches only what is new and a failing source shows up.
CREATE TABLE IF NOT EXISTS sources (
    source         VARCHAR PRIMARY KEY,
    kind           VARCHAR,      -- folder, file, feed
    last_polled    TIMESTAMP,
    last_success   TIMESTAMP,
    last_error     VARCHAR,
    error_count    INTEGER,      -- consecutive failed polls
    etag           VARCHAR,      -- a feed's ETag, sent back as If-None-Match
    last_modified  VARCHAR,      -- a feed's Last-Modified, sent back as If-Modified-Since
    watermark      VARCHAR,      -- the newest entry date seen
    articles_read  INTEGER,
    run_id         VARCHAR
);
