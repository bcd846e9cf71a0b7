-- The contract's tables (see README "Schema"). Offsets are Python string indexes into articles.body,
-- end exclusive: substr(body, start + 1, "end" - start) returns the span.

CREATE TABLE IF NOT EXISTS articles (
    article_id      VARCHAR PRIMARY KEY,
    source          VARCHAR,
    url             VARCHAR,
    title           VARCHAR,
    published_date  DATE,
    dateline_city   VARCHAR,
    body            VARCHAR NOT NULL,
    content_hash    VARCHAR NOT NULL,
    word_count      INTEGER,
    extra           JSON,
    run_id          VARCHAR,
    loaded_at       TIMESTAMP
);

CREATE TABLE IF NOT EXISTS entities (
    entity_id     VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL,
    type          VARCHAR NOT NULL,
    country_code  VARCHAR
);

CREATE TABLE IF NOT EXISTS mentions (
    article_id  VARCHAR NOT NULL,
    entity_id   VARCHAR NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        VARCHAR
);

CREATE TABLE IF NOT EXISTS quotes (
    quote_id           VARCHAR,
    article_id         VARCHAR NOT NULL,
    quote_text         VARCHAR,
    quote_start        INTEGER NOT NULL,
    quote_end          INTEGER NOT NULL,
    kind               VARCHAR,
    cue                VARCHAR,
    speaker            VARCHAR,
    speaker_start      INTEGER,
    speaker_end        INTEGER,
    speaker_name       VARCHAR,
    speaker_entity_id  VARCHAR
);

CREATE TABLE IF NOT EXISTS metrics (
    metric_id        VARCHAR,
    article_id       VARCHAR NOT NULL,
    value            DOUBLE,
    value_max        DOUBLE,
    unit             VARCHAR,
    normalized_unit  VARCHAR,
    change           VARCHAR,
    concept          VARCHAR,
    start            INTEGER,
    "end"            INTEGER,
    text             VARCHAR
);

CREATE TABLE IF NOT EXISTS events (
    event_id          VARCHAR,
    article_id        VARCHAR NOT NULL,
    event_type        VARCHAR,
    quad_class        VARCHAR,
    trigger           VARCHAR,
    source_actor      VARCHAR,
    source_country    VARCHAR,
    target_actor      VARCHAR,
    target_country    VARCHAR,
    event_date        DATE,
    location          VARCHAR,
    location_country  VARCHAR,
    sentence_start    INTEGER,
    sentence_end      INTEGER,
    negated           BOOLEAN,
    trigger_start     INTEGER,
    trigger_end       INTEGER
);

CREATE TABLE IF NOT EXISTS runs (
    run_id              VARCHAR PRIMARY KEY,
    started_at          TIMESTAMP,
    finished_at         TIMESTAMP,
    status              VARCHAR,
    articles_new        INTEGER,
    articles_changed    INTEGER,
    articles_unchanged  INTEGER,
    articles_rejected   INTEGER,
    rows_quarantined    INTEGER,
    seconds             DOUBLE,
    model               VARCHAR,
    sources             VARCHAR,
    message             VARCHAR
);

CREATE TABLE IF NOT EXISTS rejected_articles (
    run_id       VARCHAR,
    source       VARCHAR,
    location     VARCHAR,
    reason       VARCHAR,
    excerpt      VARCHAR,
    rejected_at  TIMESTAMP
);

CREATE TABLE IF NOT EXISTS quarantine (
    run_id               VARCHAR,
    table_name           VARCHAR,
    row_json             JSON,
    failed_expectations  VARCHAR
);

CREATE TABLE IF NOT EXISTS validation_results (
    run_id            VARCHAR,
    suite             VARCHAR,
    expectation       VARCHAR,
    "column"          VARCHAR,
    success           BOOLEAN,
    unexpected_count  INTEGER,
    element_count     INTEGER
);
