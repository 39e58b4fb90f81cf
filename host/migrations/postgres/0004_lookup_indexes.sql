-- As SQLite's 0008: indexes for the lookups made for every message, which otherwise scan a
-- whole table and slow down as it grows:
-- - a message's suggestions, replaced when it is triaged and read with
--   its conversation;
CREATE INDEX suggestions_message ON suggestions (message_id, rank);
-- - a conversation's messages, in order (its detail, the first message of
--   each past conversation in a customer's history);
CREATE INDEX messages_conversation ON messages (conversation_id, id);
-- - a customer's conversations, newest first (their history);
CREATE INDEX conversations_customer ON conversations (customer_id, opened_at);
-- - a brand's recent reports of an outage (incident bursts): its messages
--   of an intent from the first ledger entry received in the window on.
CREATE INDEX messages_report ON messages (brand, intent, ledger_id);
CREATE INDEX ledger_received ON ledger (received_at, id);
