-- The short tier of search ranks a user's embedded messages that still have content: find them without reading
-- every message of every user.
CREATE INDEX chat_messages_user_searchable ON chat_messages (user_id, created_at DESC)
    WHERE content IS NOT NULL AND embedding IS NOT NULL;
