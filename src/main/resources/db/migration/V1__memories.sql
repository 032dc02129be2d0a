-- Memories, pending extractions and chunk provenance. ${embedding_dimension} follows engram.embed.dimension.
CREATE EXTENSION IF NOT EXISTS vector;

-- Chunks as extracted: the provenance every memory links back to.
CREATE TABLE chunks (
    job_id        text        NOT NULL,
    chunk_index   integer     NOT NULL,
    user_id       text        NOT NULL,
    extraction_id text        NOT NULL,
    text          text        NOT NULL,
    char_start    integer     NOT NULL,
    char_end      integer     NOT NULL,
    page_start    integer,
    page_end      integer,
    heading_path  text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, chunk_index)
);
CREATE INDEX chunks_user ON chunks (user_id);

-- Saved memories (confirmed by their owner or auto-saved).
CREATE TABLE memories (
    id                   uuid        PRIMARY KEY,
    user_id              text        NOT NULL,
    content              text        NOT NULL,
    title                text,
    memory_type          text        NOT NULL,
    source               text        NOT NULL,
    source_id            text,
    tags                 jsonb       NOT NULL DEFAULT '[]',
    metadata             jsonb       NOT NULL DEFAULT '{}',
    confidence           real,
    embedding            vector(${embedding_dimension}),
    embedding_status     text        NOT NULL DEFAULT 'pending',
    embedding_model      text,
    embedding_updated_at timestamptz,
    conversation_id      text,
    content_hash         text        NOT NULL,
    job_id               text,
    extraction_id        text,
    chunk_index          integer,
    page                 integer,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    accessed_at          timestamptz,
    deleted_at           timestamptz
);
CREATE UNIQUE INDEX memories_user_content ON memories (user_id, content_hash) WHERE deleted_at IS NULL;
CREATE INDEX memories_user_created ON memories (user_id, created_at DESC, id) WHERE deleted_at IS NULL;
CREATE INDEX memories_embedding ON memories USING hnsw (embedding vector_cosine_ops);
CREATE INDEX memories_fulltext ON memories USING gin (to_tsvector('english', content));

-- What extraction proposed, awaiting review.
CREATE TABLE pending_memories (
    id                 uuid        PRIMARY KEY,
    extraction_id      text        NOT NULL,
    job_id             text        NOT NULL,
    user_id            text        NOT NULL,
    chunk_index        integer     NOT NULL,
    ordinal            integer     NOT NULL,
    content            text        NOT NULL,
    memory_type        text        NOT NULL,
    confidence         real        NOT NULL,
    metadata           jsonb       NOT NULL DEFAULT '{}',
    tags               jsonb       NOT NULL DEFAULT '[]',
    embedding          vector(${embedding_dimension}),
    embedding_model    text,
    status             text        NOT NULL DEFAULT 'pending',
    duplicate_of       uuid,
    memory_id          uuid,
    source_start       integer,
    source_end         integer,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pending_status CHECK (status IN ('pending', 'confirmed', 'rejected', 'expired', 'duplicate')),
    CONSTRAINT pending_once UNIQUE (job_id, chunk_index, ordinal)
);
CREATE INDEX pending_by_extraction ON pending_memories (extraction_id, chunk_index, ordinal);
CREATE INDEX pending_open ON pending_memories (created_at) WHERE status IN ('pending', 'duplicate');
