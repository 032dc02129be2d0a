-- Duplicate look-ups compare a proposal with the user's saved memories of the same type: read just those rows.
CREATE INDEX memories_user_type ON memories (user_id, memory_type) WHERE deleted_at IS NULL;
