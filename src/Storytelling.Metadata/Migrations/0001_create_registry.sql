-- The metadata registry (docs/registry.md): jobs per stage, documents per job, events with their storyline, and the
-- run history that the read API exports as OpenLineage run events. Every write is an upsert keyed on these ids, so an
-- outbox entry delivered twice leaves one row.

CREATE TABLE job_registry (
    job_id uuid NOT NULL,
    stage text NOT NULL,
    job_key text NOT NULL,
    status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
    batch_id text,
    document_count bigint,
    metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    completed_at timestamptz,
    error_message text,
    PRIMARY KEY (job_id, stage)
);

CREATE INDEX job_registry_stage_status_created ON job_registry (stage, status, created_at);
CREATE INDEX job_registry_created ON job_registry (created_at);

CREATE TABLE document_metadata (
    document_id text NOT NULL,
    job_id uuid NOT NULL,
    job_key text NOT NULL,
    title text,
    author text,
    publication_date timestamptz,
    source text,
    url text,
    language text,
    content_hash text,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (document_id, job_id)
);

CREATE INDEX document_metadata_job ON document_metadata (job_id);

-- A storyline assignment may arrive before its event (they come from different processes' outboxes): the row is
-- created with the ids and the storyline, and the event's own write fills in the rest.
CREATE TABLE event_metadata (
    event_id text PRIMARY KEY,
    document_id text NOT NULL,
    job_key text,
    event_type text,
    event_date timestamptz,
    description text,
    storyline_id text,
    updated_at timestamptz NOT NULL
);

CREATE INDEX event_metadata_document ON event_metadata (document_id);
CREATE INDEX event_metadata_type_date ON event_metadata (event_type, event_date);
CREATE INDEX event_metadata_date ON event_metadata (event_date);
CREATE INDEX event_metadata_storyline ON event_metadata (storyline_id) WHERE storyline_id IS NOT NULL;

-- One row per OpenLineage run state: START when a stage registers a job, COMPLETE or FAIL when it finishes it.
CREATE TABLE run_history (
    run_id uuid NOT NULL,
    job_id uuid NOT NULL,
    job_key text NOT NULL,
    stage text NOT NULL,
    event_type text NOT NULL CHECK (event_type IN ('START', 'COMPLETE', 'FAIL')),
    event_time timestamptz NOT NULL,
    document_count bigint,
    error_message text,
    PRIMARY KEY (run_id, event_type)
);

CREATE INDEX run_history_job ON run_history (job_id, event_time);
