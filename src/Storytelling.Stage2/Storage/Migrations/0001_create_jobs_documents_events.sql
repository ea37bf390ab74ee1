-- Stage 2 store (ADR 8). Applied with search_path set to the stage2 schema.

CREATE TABLE jobs (
    -- The Stage 1 job whose documents this job analyses.
    id text PRIMARY KEY,
    batch_id text,
    mode text NOT NULL CHECK (mode IN ('batch', 'document')),
    -- Documents the job accounts for; null until known (document mode learns it from job.completed).
    total bigint CHECK (total >= 0),
    state text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'completed')),
    created_at timestamptz NOT NULL,
    completed_at timestamptz
);

CREATE TABLE documents (
    job_id text NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    line bigint NOT NULL,
    document_id text NOT NULL,
    title text,
    text text NOT NULL,
    language text,
    published_at timestamptz,
    token_count integer NOT NULL,
    sentence_count integer NOT NULL,
    entity_count integer NOT NULL,
    event_count integer NOT NULL,
    annotations jsonb NOT NULL,
    processed_at timestamptz NOT NULL,
    search tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED,
    PRIMARY KEY (job_id, line)
);
CREATE INDEX documents_by_document_id ON documents (document_id);
CREATE INDEX documents_search ON documents USING gin (search);

CREATE TABLE events (
    job_id text NOT NULL,
    line bigint NOT NULL,
    id text NOT NULL,
    document_id text NOT NULL,
    sentence integer NOT NULL,
    trigger_start integer NOT NULL,
    trigger_end integer NOT NULL,
    trigger_text text NOT NULL,
    lemma text NOT NULL,
    event_type text NOT NULL,
    confidence real NOT NULL,
    when_value text,
    when_begin timestamptz,
    data jsonb NOT NULL,
    search tsvector GENERATED ALWAYS AS (to_tsvector('english', trigger_text || ' ' || lemma || ' ' || event_type)) STORED,
    PRIMARY KEY (job_id, line, trigger_start),
    FOREIGN KEY (job_id, line) REFERENCES documents (job_id, line) ON DELETE CASCADE
);
CREATE INDEX events_by_document_id ON events (document_id);
CREATE INDEX events_by_type_and_time ON events (event_type, when_begin);
CREATE INDEX events_search ON events USING gin (search);

-- Documents whose analysis failed on every attempt: kept with the error, counted towards the job.
CREATE TABLE failures (
    job_id text NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    line bigint NOT NULL,
    document_id text NOT NULL,
    error text NOT NULL,
    attempts integer NOT NULL,
    failed_at timestamptz NOT NULL,
    PRIMARY KEY (job_id, line)
);
