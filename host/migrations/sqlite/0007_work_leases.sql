-- Leases: which host works on what, until when. Several hosts may share
-- one database (PostgreSQL); on SQLite the one host takes every lease.
-- A conversation's pending messages are claimed together, so the messages
-- of one thread are triaged one after the other, by one host. A lease
-- whose host died expires, and another host takes the work over.
ALTER TABLE conversations ADD COLUMN lease_owner TEXT;
ALTER TABLE conversations ADD COLUMN lease_until INTEGER;
CREATE INDEX conversations_leased ON conversations (lease_owner, lease_until) WHERE lease_owner IS NOT NULL;
-- A ledger entry still `received` long after it came in: its host died
-- between the acknowledgement and the listening. Claimed like the above.
ALTER TABLE ledger ADD COLUMN lease_owner TEXT;
ALTER TABLE ledger ADD COLUMN lease_until INTEGER;
CREATE INDEX messages_pending_by_conversation ON messages (conversation_id) WHERE status = 'pending';
