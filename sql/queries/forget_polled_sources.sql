-- the state of the sources this run polled (registered as `polled_sources`) is replaced by the new one
DELETE FROM sources WHERE source IN (SELECT source FROM polled_sources)
