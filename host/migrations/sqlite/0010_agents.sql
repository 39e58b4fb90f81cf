-- The agent inbox: agents sign in per brand with a password (an Argon2id
-- hash is kept, never the password), and hold sessions (the SHA-256 of the
-- cookie's token is kept, never the token).
CREATE TABLE agents (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    brand         TEXT    NOT NULL,
    email         TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    UNIQUE (brand, email)
);
CREATE TABLE agent_sessions (
    token_hash TEXT    PRIMARY KEY,
    agent_id   INTEGER NOT NULL REFERENCES agents (id),
    csrf       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
