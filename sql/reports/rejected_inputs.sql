-- What could not be loaded, and why, newest first.
SELECT r.rejected_at, r.source, r.location, r.reason, r.excerpt
FROM rejected_articles r
ORDER BY r.rejected_at DESC, r.location;
