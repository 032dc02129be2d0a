-- Profile insights: what users say about themselves in chat, each with the messages that evidence it.
CREATE TABLE profile_insights (
    id            uuid        PRIMARY KEY,
    user_id       text        NOT NULL,
    category      text        NOT NULL,
    subcategory   text        NOT NULL,
    trait         text        NOT NULL,
    -- the trait's identity for merging: like and dislike of one object share it
    trait_key     text        NOT NULL,
    confidence    real        NOT NULL,
    status        text        NOT NULL DEFAULT 'active',
    source        text        NOT NULL DEFAULT 'chat_inference',
    valid_from    timestamptz NOT NULL DEFAULT now(),
    valid_to      timestamptz,
    superseded_by uuid        REFERENCES profile_insights (id) ON DELETE SET NULL,
    embedding     vector(${embedding_dimension}),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT insight_category CHECK (category IN ('preference', 'interest', 'skill', 'relationship', 'dislike')),
    CONSTRAINT insight_subcategory CHECK (subcategory IN ('scheduling', 'communication', 'food', 'tools',
        'work_style', 'other')),
    CONSTRAINT insight_status CHECK (status IN ('active', 'superseded', 'needs_review', 'rejected')),
    CONSTRAINT insight_source CHECK (source IN ('chat_inference', 'feedback', 'manual')),
    CONSTRAINT insight_confidence CHECK (confidence >= 0 AND confidence <= 1),
    CONSTRAINT insight_trait CHECK (char_length(trait) BETWEEN 1 AND 500)
);
CREATE INDEX profile_insights_user ON profile_insights (user_id, category, trait_key);

-- Why an insight is believed (or doubted): the message, the words in it, and how much it moved the confidence.
CREATE TABLE insight_evidence (
    id              uuid        PRIMARY KEY,
    user_id         text        NOT NULL,
    insight_id      uuid        NOT NULL REFERENCES profile_insights (id) ON DELETE CASCADE,
    -- evidence goes with its message: deleting a conversation deletes what it evidenced
    message_id      uuid        NOT NULL REFERENCES chat_messages (id) ON DELETE CASCADE,
    conversation_id uuid        NOT NULL,
    seq             integer     NOT NULL,
    supporting_text text        NOT NULL,
    kind            text        NOT NULL,
    delta           real        NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT evidence_kind CHECK (kind IN ('support', 'feedback', 'contradiction')),
    CONSTRAINT evidence_once UNIQUE (insight_id, message_id, kind)
);
CREATE INDEX insight_evidence_message ON insight_evidence (message_id);
CREATE INDEX insight_evidence_conversation ON insight_evidence (user_id, conversation_id);
