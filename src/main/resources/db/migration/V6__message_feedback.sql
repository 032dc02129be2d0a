-- Reactions to chat messages (mostly the twin's); applied once to the insights the message cites.
CREATE TABLE message_feedback (
    id              uuid        PRIMARY KEY,
    user_id         text        NOT NULL,
    message_id      uuid        NOT NULL REFERENCES chat_messages (id) ON DELETE CASCADE,
    conversation_id uuid        NOT NULL,
    reaction_type   text        NOT NULL,
    comment         text,
    -- set by the chat stage in the transaction that applied it: a redelivery finds it set and does nothing
    applied_at      timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT feedback_reaction CHECK (reaction_type IN ('helpful', 'insightful', 'incorrect', 'not_relevant')),
    CONSTRAINT feedback_comment CHECK (char_length(comment) <= 2000)
);
CREATE INDEX message_feedback_message ON message_feedback (user_id, message_id, created_at);
