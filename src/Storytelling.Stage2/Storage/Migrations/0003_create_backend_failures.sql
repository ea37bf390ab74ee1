-- Writes to optional storage backends (stage2.storage_backends: jsonl, elasticsearch) that failed. The document itself
-- is stored in PostgreSQL and announced; a row here says what that backend is missing. Re-processing the document
-- clears its rows (and writes new ones if the backend fails again), so the table always lists what is missing now.
CREATE TABLE backend_failures (
    backend text NOT NULL,
    job_id text NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    -- Null for a job-level write (the JSONL backend's final files).
    line bigint,
    document_id text,
    error text NOT NULL,
    failed_at timestamptz NOT NULL,
    UNIQUE NULLS NOT DISTINCT (backend, job_id, line)
);
CREATE INDEX backend_failures_by_time ON backend_failures (failed_at);
