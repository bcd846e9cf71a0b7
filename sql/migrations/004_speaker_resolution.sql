-- how a quote's speaker was found: named in the span, resolved to an entity named before, a group,
-- a document, or unresolved (then speaker_name stays NULL)
ALTER TABLE quotes ADD COLUMN IF NOT EXISTS speaker_resolution VARCHAR;
