-- A chunk that is one chat message names it, so a memory proposed from a conversation points at the message that
-- says it. No foreign key: a conversation deleted while its messages are still being extracted must not turn their
-- chunks into failures; the review reads the message id as provenance only.
ALTER TABLE chunks ADD COLUMN message_id uuid;
