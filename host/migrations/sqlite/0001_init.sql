-- The ledger: every raw inbound request, durable before it is acknowledged.
CREATE TABLE ledger (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    brand        TEXT    NOT NULL,
    channel      TEXT    NOT NULL,
    received_at  INTEGER NOT NULL,
    method       TEXT    NOT NULL,
    path         TEXT    NOT NULL,
    query        TEXT    NOT NULL,
    headers      TEXT    NOT NULL,  -- JSON array of [name, value]
    body         BLOB    NOT NULL,
    -- received: not yet listened | listened | responded | ignored | dead
    status       TEXT    NOT NULL DEFAULT 'received',
    detail       TEXT
);
CREATE INDEX ledger_by_status ON ledger (status);

-- Events that could not be processed, with the reason; replayable.
CREATE TABLE dead_letters (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ledger_id   INTEGER NOT NULL REFERENCES ledger (id),
    brand       TEXT    NOT NULL,
    channel     TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    replayed_at INTEGER
);

-- One record per brand per channel identity.
CREATE TABLE customers (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    brand        TEXT NOT NULL,
    channel      TEXT NOT NULL,
    author_id    TEXT NOT NULL,
    handle       TEXT,
    display_name TEXT,
    email        TEXT,
    UNIQUE (brand, channel, author_id)
);

CREATE TABLE conversations (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    brand              TEXT    NOT NULL,
    channel            TEXT    NOT NULL,
    thread_key         TEXT    NOT NULL,
    customer_id        INTEGER NOT NULL REFERENCES customers (id),
    status             TEXT    NOT NULL DEFAULT 'open',  -- open | resolved
    priority           TEXT,
    route              TEXT,
    intent             TEXT,
    opened_at          INTEGER NOT NULL,
    first_response_due INTEGER,
    resolved_at        INTEGER,
    UNIQUE (brand, channel, thread_key)
);
CREATE INDEX conversations_inbox ON conversations (brand, status, first_response_due);

CREATE TABLE messages (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id),
    ledger_id       INTEGER NOT NULL REFERENCES ledger (id),
    brand           TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    event_id        TEXT    NOT NULL,
    external_id     TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    message         TEXT    NOT NULL,  -- JSON of the message
    triage          TEXT,              -- JSON of the triage, once done
    -- pending: triage and suggestions to do | done | failed
    status          TEXT    NOT NULL DEFAULT 'pending',
    error           TEXT,
    received_at     INTEGER NOT NULL,
    UNIQUE (brand, channel, event_id, external_id, kind)
);
CREATE INDEX messages_pending ON messages (status);

CREATE TABLE suggestions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id INTEGER NOT NULL REFERENCES messages (id),
    rank       INTEGER NOT NULL,
    text       TEXT    NOT NULL,
    strategy   TEXT    NOT NULL,
    rationale  TEXT    NOT NULL
);

CREATE TABLE feedback (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    suggestion_id INTEGER NOT NULL REFERENCES suggestions (id),
    verdict       TEXT    NOT NULL,  -- accepted | edited | rejected
    final_text    TEXT,
    reason        TEXT,
    created_at    INTEGER NOT NULL
);
