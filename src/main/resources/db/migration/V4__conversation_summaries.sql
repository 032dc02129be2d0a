-- Conversation summaries: one version per window of messages after the previous version, written in order.
CREATE TABLE conversation_summaries (
    conversation_id uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    version         integer     NOT NULL,
    user_id         text        NOT NULL,
    -- the window this version added: messages from_seq..to_seq
    from_seq        integer     NOT NULL,
    to_seq          integer     NOT NULL,
    content         text        NOT NULL,
    -- {topics, decisions: [{text, seq}], questions: [{question, answer, seq}], highlights}
    structured      jsonb       NOT NULL DEFAULT '{}',
    provider        text        NOT NULL,
    -- the conversation's summary memory (one per conversation, updated in place)
    memory_id       uuid,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, version),
    CONSTRAINT summary_window UNIQUE (conversation_id, to_seq)
);
