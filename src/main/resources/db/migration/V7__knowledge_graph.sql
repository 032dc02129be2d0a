-- Knowledge graph: entities and relationships per user, with world time (valid_from/valid_to), system time
-- (created_at/invalidated_at) and the evidence each rests on. Every row carries its owner; every query filters by it.
CREATE TABLE entities (
    id            uuid        PRIMARY KEY,
    user_id       text        NOT NULL,
    type          text        NOT NULL,
    name          text        NOT NULL,
    -- NameKey: lower case, no accents or punctuation, no honorifics (persons) or legal forms (organisations)
    name_key      text        NOT NULL,
    attributes    jsonb       NOT NULL DEFAULT '{}',
    -- a decision or task node is this memory (pending or saved)
    memory_id     uuid,
    embedding     vector(${embedding_dimension}),
    status        text        NOT NULL DEFAULT 'active',
    merged_into   uuid        REFERENCES entities (id),
    mention_count integer     NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT entity_type CHECK (type IN ('person', 'organization', 'project', 'place', 'product', 'event',
                                           'decision', 'task')),
    CONSTRAINT entity_status CHECK (status IN ('active', 'proposed', 'merged', 'rejected'))
);
CREATE UNIQUE INDEX entities_user_type_key ON entities (user_id, type, name_key)
    WHERE status = 'active' AND memory_id IS NULL;
CREATE UNIQUE INDEX entities_user_memory ON entities (user_id, memory_id) WHERE memory_id IS NOT NULL;
CREATE INDEX entities_user_name ON entities (user_id, lower(name) text_pattern_ops);

CREATE TABLE entity_aliases (
    entity_id  uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    user_id    text NOT NULL,
    type       text NOT NULL,
    alias      text NOT NULL,
    alias_key  text NOT NULL,
    PRIMARY KEY (entity_id, alias_key)
);
CREATE UNIQUE INDEX entity_aliases_user_key ON entity_aliases (user_id, type, alias_key);

CREATE TABLE relationships (
    id              uuid        PRIMARY KEY,
    user_id         text        NOT NULL,
    source_id       uuid        NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    target_id       uuid        NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    type            text        NOT NULL,
    fact            text        NOT NULL,
    fact_embedding  vector(${embedding_dimension}),
    confidence      real        NOT NULL,
    attributes      jsonb       NOT NULL DEFAULT '{}',
    status          text        NOT NULL DEFAULT 'active',
    valid_from      date,
    valid_to        date,
    created_at      timestamptz NOT NULL DEFAULT now(),
    invalidated_at  timestamptz,
    superseded_by   uuid        REFERENCES relationships (id),
    CONSTRAINT relationship_status CHECK (status IN ('active', 'proposed', 'invalidated', 'rejected')),
    CONSTRAINT relationship_validity CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX relationships_user_source ON relationships (user_id, source_id, type);
CREATE INDEX relationships_user_target ON relationships (user_id, target_id, type);

-- What a fact or an entity rests on: a span of a job's chunk (the snippet survives chat purges), or a memory.
CREATE TABLE graph_evidence (
    id              uuid        PRIMARY KEY,
    user_id         text        NOT NULL,
    relationship_id uuid        REFERENCES relationships (id) ON DELETE CASCADE,
    entity_id       uuid        REFERENCES entities (id) ON DELETE CASCADE,
    job_id          text        NOT NULL,
    chunk_index     integer     NOT NULL,
    char_start      integer     NOT NULL,
    char_end        integer     NOT NULL,
    snippet         text        NOT NULL,
    memory_id       uuid,
    message_id      uuid,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT evidence_of_one CHECK ((relationship_id IS NULL) <> (entity_id IS NULL)),
    CONSTRAINT evidence_snippet CHECK (char_length(snippet) <= 300)
);
CREATE UNIQUE INDEX graph_evidence_fact ON graph_evidence (relationship_id, job_id, chunk_index, char_start)
    WHERE relationship_id IS NOT NULL;
CREATE UNIQUE INDEX graph_evidence_entity ON graph_evidence (entity_id, job_id, chunk_index, char_start)
    WHERE entity_id IS NOT NULL;
CREATE INDEX graph_evidence_user_job ON graph_evidence (user_id, job_id);

CREATE TABLE entity_merges (
    id          uuid        PRIMARY KEY,
    user_id     text        NOT NULL,
    survivor_id uuid        NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    merged_id   uuid        NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    method      text        NOT NULL,
    score       real,
    -- what moved to the survivor (aliases, evidence, edges), so that an undo restores it
    moved       jsonb       NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now(),
    undone_at   timestamptz,
    CONSTRAINT merge_method CHECK (method IN ('exact', 'alias', 'name_prefix', 'embedding', 'llm', 'manual'))
);

-- The graph stage's outbox: a chunk's memories wait here until their entities and relationships are written.
CREATE TABLE graph_work (
    job_id      text        NOT NULL,
    chunk_index integer     NOT NULL,
    user_id     text        NOT NULL,
    state       text        NOT NULL DEFAULT 'pending',
    -- the validated extraction, saved before it is applied so a redelivery never calls the provider again
    answer      jsonb,
    error       text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, chunk_index),
    CONSTRAINT graph_work_state CHECK (state IN ('pending', 'completed', 'failed'))
);
CREATE INDEX graph_work_pending ON graph_work (created_at) WHERE state = 'pending';
