-- The intent each message was triaged with, as a column: incident bursts,
-- feedback and ranking priors select by it without reading the triage's
-- JSON (so every backend runs the same queries).
ALTER TABLE messages ADD COLUMN intent TEXT;
UPDATE messages SET intent = json_extract(triage, '$.intent') WHERE triage IS NOT NULL;
CREATE INDEX messages_brand_intent ON messages (brand, intent);
