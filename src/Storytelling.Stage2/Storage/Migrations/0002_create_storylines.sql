-- Storylines in the distributed mode (ADR 8): written by the storyline builder, one document at a time.

-- The order documents entered the story engine; replayed to rebuild the engine's state when the builder restarts.
CREATE TABLE story_log (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id text NOT NULL,
    line bigint NOT NULL,
    document_id text NOT NULL,
    storyline_id text NOT NULL,
    added_at timestamptz NOT NULL,
    UNIQUE (job_id, line)
);

ALTER TABLE events ADD COLUMN cluster_id text;
ALTER TABLE events ADD COLUMN storyline_id text;
CREATE INDEX events_by_storyline ON events (storyline_id);
CREATE INDEX events_by_cluster ON events (cluster_id);

CREATE TABLE event_links (
    event_a text NOT NULL,
    event_b text NOT NULL,
    score real NOT NULL,
    evidence jsonb NOT NULL,
    PRIMARY KEY (event_a, event_b)
);

CREATE TABLE storylines (
    id text PRIMARY KEY,
    version integer NOT NULL,
    title text NOT NULL,
    start_at timestamptz,
    end_at timestamptz,
    document_ids jsonb NOT NULL,
    event_ids jsonb NOT NULL,
    document_count integer NOT NULL,
    event_count integer NOT NULL,
    updated_at timestamptz NOT NULL,
    search tsvector GENERATED ALWAYS AS (to_tsvector('english', title)) STORED
);
CREATE INDEX storylines_search ON storylines USING gin (search);
CREATE INDEX storylines_by_start ON storylines (start_at);
