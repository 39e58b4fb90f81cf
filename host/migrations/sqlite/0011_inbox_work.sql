-- How a care team works the inbox: the agent a conversation is assigned
-- to, the labels agents put on it, and notes for colleagues (never sent
-- to the customer).
ALTER TABLE conversations ADD COLUMN assignee INTEGER REFERENCES agents (id);
CREATE TABLE conversation_labels (
    conversation_id INTEGER NOT NULL REFERENCES conversations (id),
    label           TEXT    NOT NULL,
    PRIMARY KEY (conversation_id, label)
);
CREATE INDEX conversation_labels_label ON conversation_labels (label);
CREATE TABLE notes (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id),
    agent_id        INTEGER NOT NULL REFERENCES agents (id),
    text            TEXT    NOT NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX notes_conversation ON notes (conversation_id);
