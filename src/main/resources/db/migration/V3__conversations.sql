-- Chat ingestion: conversations and their messages. Every row carries its owner; every query filters by it.
CREATE TABLE conversations (
    id                uuid        PRIMARY KEY,
    user_id           text        NOT NULL,
    -- null until the first summary names it
    title             text,
    status            text        NOT NULL DEFAULT 'active',
    -- what the client says the conversation is about (a JSON object of at most 16 KB, checked by the API)
    context           jsonb,
    auto_save         boolean     NOT NULL DEFAULT false,
    summary           text,
    summarized_to_seq integer     NOT NULL DEFAULT 0,
    message_count     integer     NOT NULL DEFAULT 0,
    last_message_at   timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT conversation_status CHECK (status IN ('active', 'archived')),
    CONSTRAINT conversation_title CHECK (char_length(title) <= 255)
);
-- Listing newest first, a page at a time, and finding the newest active one ("current").
CREATE INDEX conversations_user_created ON conversations (user_id, created_at DESC, id DESC);
CREATE INDEX conversations_user_active ON conversations (user_id, last_message_at DESC) WHERE status = 'active';

-- One row per message; seq is gapless per conversation, assigned under the conversation's row lock.
CREATE TABLE chat_messages (
    id                   uuid        PRIMARY KEY,
    user_id              text        NOT NULL,
    conversation_id      uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq                  integer     NOT NULL,
    role                 text        NOT NULL,
    -- null once the message's content has been purged
    content              text,
    metadata             jsonb       NOT NULL DEFAULT '{}',
    client_message_id    text,
    importance_score     real,
    processing           text        NOT NULL DEFAULT 'pending',
    skip_reason          text,
    -- why processing failed, for its owner
    processing_error     text,
    -- the job that extracts memories from the request's user messages, if it had any
    task_id              text,
    processed_in_summary boolean     NOT NULL DEFAULT false,
    embedding            vector(${embedding_dimension}),
    created_at           timestamptz NOT NULL,
    CONSTRAINT chat_message_seq UNIQUE (conversation_id, seq),
    CONSTRAINT chat_message_client_id UNIQUE (conversation_id, client_message_id),
    CONSTRAINT chat_message_role CHECK (role IN ('user', 'twin', 'system')),
    CONSTRAINT chat_message_content CHECK (char_length(content) <= 20000),
    CONSTRAINT chat_message_processing CHECK (processing IN ('pending', 'completed', 'failed')),
    CONSTRAINT chat_message_skip CHECK (skip_reason IN ('low_importance', 'not_user'))
);
CREATE INDEX chat_messages_task ON chat_messages (task_id) WHERE task_id IS NOT NULL;
