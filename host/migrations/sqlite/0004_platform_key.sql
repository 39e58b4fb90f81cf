-- The platform's identity of each message version (see store/recording.rs,
-- `platform_key`): one platform message is stored once per brand and
-- channel, whatever delivery brought it (Slack sends one mention as both
-- `message` and `app_mention`, under two event ids).
ALTER TABLE messages ADD COLUMN platform_key TEXT;

-- Existing rows: the first of each platform message takes its key (the rule
-- of `platform_key`, written once here for the backfill); later copies, the
-- duplicates this key now prevents, keep a key of their own.
UPDATE messages SET platform_key =
    CASE kind WHEN 'edit' THEN 'edit:' || external_id || ':' || event_id
              ELSE kind || ':' || external_id END
 WHERE id IN (SELECT MIN(id) FROM messages
              GROUP BY brand, channel, kind, external_id,
                       CASE kind WHEN 'edit' THEN event_id END);
UPDATE messages SET platform_key = 'duplicate:' || id WHERE platform_key IS NULL;

CREATE UNIQUE INDEX messages_platform_key ON messages (brand, channel, platform_key);
-- Edits and deletions find their original by external id.
CREATE INDEX messages_external_id ON messages (brand, channel, external_id);
