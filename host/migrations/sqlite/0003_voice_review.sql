-- The voice gate's verdict on each kept suggestion (scores, fixes, warnings,
-- the plugin's original text), as JSON.
ALTER TABLE suggestions ADD COLUMN review TEXT;

-- Suggestions the voice gate refused, with why: nothing a plugin returns is
-- lost, even when it is not shown.
CREATE TABLE dropped_suggestions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id INTEGER NOT NULL REFERENCES messages (id),
    text       TEXT    NOT NULL,
    strategy   TEXT    NOT NULL,
    rationale  TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    rules      TEXT    NOT NULL   -- JSON array of rule names
);
CREATE INDEX dropped_suggestions_message ON dropped_suggestions (message_id);

-- What an agent changed before sending an edited suggestion.
ALTER TABLE feedback ADD COLUMN diff TEXT;

-- Texts agents actually sent after editing: the brand's own examples.
CREATE TABLE voice_examples (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    brand         TEXT    NOT NULL,
    suggestion_id INTEGER NOT NULL REFERENCES suggestions (id),
    channel       TEXT    NOT NULL,
    intent        TEXT    NOT NULL,
    strategy      TEXT    NOT NULL,
    text          TEXT    NOT NULL,
    diff          TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX voice_examples_brand ON voice_examples (brand, id);
CREATE INDEX feedback_suggestion ON feedback (suggestion_id);
