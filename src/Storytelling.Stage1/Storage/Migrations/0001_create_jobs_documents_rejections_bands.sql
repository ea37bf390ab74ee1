-- Stage 1 store (ADR 7). Applied with search_path set to the stage1 schema.

CREATE TABLE jobs (
    id text PRIMARY KEY,
    batch_id text NOT NULL,
    concurrency integer NOT NULL CHECK (concurrency > 0),
    input_name text NOT NULL,
    state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'completed', 'failed')),
    -- Input records the job accounts for (work items + input rejections); null until every item is on the stream.
    submitted bigint CHECK (submitted >= 0),
    cleaned bigint NOT NULL DEFAULT 0,
    rejected bigint NOT NULL DEFAULT 0,
    duplicates bigint NOT NULL DEFAULT 0,
    error text,
    created_at timestamptz NOT NULL,
    started_at timestamptz,
    completed_at timestamptz
);

CREATE TABLE documents (
    job_id text NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    line bigint NOT NULL,
    -- Storage order: "earlier" for duplicate detection.
    seq bigint GENERATED ALWAYS AS IDENTITY,
    document_id text NOT NULL,
    batch_id text NOT NULL,
    title text,
    text text NOT NULL,
    language text NOT NULL,
    detected_language text NOT NULL,
    language_confidence double precision NOT NULL,
    language_disagrees boolean NOT NULL,
    content_hash text NOT NULL,
    authors text[] NOT NULL,
    published_at timestamptz,
    published_at_raw text,
    date_flags text[] NOT NULL,
    source text,
    url text,
    content_field text NOT NULL,
    boilerplate_ratio double precision NOT NULL,
    repairs text[] NOT NULL,
    character_count integer NOT NULL,
    -- MinHash signature: the 64-bit values little-endian, 8 bytes each.
    signature bytea NOT NULL,
    duplicate_group text,
    duplicate_kind text CHECK (duplicate_kind IN ('exact', 'near')),
    duplicate_of text,
    duplicate_similarity real,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, line),
    CHECK ((duplicate_kind IS NULL) = (duplicate_group IS NULL)
        AND (duplicate_kind IS NULL) = (duplicate_of IS NULL)
        AND (duplicate_kind IS NULL) = (duplicate_similarity IS NULL))
);

CREATE INDEX documents_document_id ON documents (document_id);
CREATE INDEX documents_content_hash ON documents (content_hash, seq);

CREATE TABLE rejections (
    job_id text NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    line bigint NOT NULL,
    stage text NOT NULL CHECK (stage IN ('input', 'cleaning')),
    code text NOT NULL,
    reason text NOT NULL,
    excerpt text,
    document_id text,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, line)
);

-- LSH band keys of stored documents (exact duplicates add none: their original's keys are the same).
-- The primary key doubles as the (band, key) lookup index.
CREATE TABLE minhash_bands (
    band smallint NOT NULL,
    key bigint NOT NULL,
    job_id text NOT NULL,
    line bigint NOT NULL,
    PRIMARY KEY (band, key, job_id, line)
);

-- One row per (band, key) ever written: a write transaction locks the rows of its documents' band keys (row locks
-- live in the rows, not in the shared lock table, so a batch of thousands of documents cannot exhaust it), which
-- serialises two writers of near-duplicates: they share a band key. The rows hold nothing worth keeping, so the
-- table is unlogged (no WAL): after a crash it is empty and refills as documents are written.
CREATE UNLOGGED TABLE minhash_band_locks (
    band smallint NOT NULL,
    key bigint NOT NULL,
    PRIMARY KEY (band, key)
);
