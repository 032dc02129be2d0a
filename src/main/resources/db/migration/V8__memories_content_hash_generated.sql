-- The content hash that makes a user's live memories unique is computed by the database from the row, never written
-- by the application: the type plus the trimmed, lower-cased content, except a conversation's summary memory, which is
-- keyed by its conversation (one per conversation, however its text changes). The expression is the one the code wrote
-- until now; memory_content_hash is also what a look-up of a saved twin compares with.
CREATE FUNCTION memory_content_hash(memory_type text, content text, conversation_id text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN memory_type = 'summary' AND conversation_id IS NOT NULL THEN md5('summary:' || conversation_id)
                ELSE md5(memory_type || ':' || lower(btrim(content))) END;

-- Dropping the column drops memories_user_content with it; the generated column is filled for every existing row and
-- the unique index (the dedup target of ON CONFLICT) is rebuilt as it was.
ALTER TABLE memories DROP COLUMN content_hash;
ALTER TABLE memories ADD COLUMN content_hash text NOT NULL
    GENERATED ALWAYS AS (memory_content_hash(memory_type, content, conversation_id)) STORED;
CREATE UNIQUE INDEX memories_user_content ON memories (user_id, content_hash) WHERE deleted_at IS NULL;
