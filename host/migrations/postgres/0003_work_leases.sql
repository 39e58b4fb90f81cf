-- Leases, as SQLite's 0007: which host works on what, until when. Hosts
-- sharing this database claim a conversation's pending messages together
-- (`FOR UPDATE SKIP LOCKED`), so the messages of one thread are triaged
-- one after the other, by one host. A lease whose host died expires, and
-- another host takes the work over.
ALTER TABLE conversations ADD COLUMN lease_owner TEXT;
ALTER TABLE conversations ADD COLUMN lease_until BIGINT;
CREATE INDEX conversations_leased ON conversations (lease_owner, lease_until) WHERE lease_owner IS NOT NULL;
-- A ledger entry still `received` long after it came in: its host died
-- between the acknowledgement and the listening. Claimed like the above.
ALTER TABLE ledger ADD COLUMN lease_owner TEXT;
ALTER TABLE ledger ADD COLUMN lease_until BIGINT;
CREATE INDEX messages_pending_by_conversation ON messages (conversation_id) WHERE status = 'pending';
