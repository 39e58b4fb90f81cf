-- Replies agents send through their channel: the durable outbox. A row is
-- written before the API answers 202; the sender delivers it, retries a
-- failure with backoff, and records the platform's acknowledgement before it
-- marks the row sent. Claimed with a lease, like the triage work, so a host
-- that died leaves its sends to another.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    brand           TEXT    NOT NULL,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id),
    message_id      INTEGER NOT NULL REFERENCES messages (id),  -- the customer's message answered
    suggestion_id   INTEGER REFERENCES suggestions (id),        -- when sent from a suggestion
    text            TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL UNIQUE,
    status          TEXT    NOT NULL DEFAULT 'queued',          -- queued | sent | failed
    attempts        INTEGER NOT NULL DEFAULT 0,
    progress        INTEGER NOT NULL DEFAULT 0,                 -- requests of the reply already sent
    next_attempt_at INTEGER NOT NULL,
    lease_owner     TEXT,
    lease_until     INTEGER,
    platform_id     TEXT,
    error           TEXT,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'queued';
CREATE INDEX outbox_conversation ON outbox (conversation_id);
-- When the conversation's first reply went out: its first-response SLA is met then.
ALTER TABLE conversations ADD COLUMN first_response_at INTEGER;
