-- The embedded run's SQLite database: the same shape as the Stage 2 PostgreSQL tables (ADR 2).
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    line INTEGER NOT NULL,
    title TEXT,
    text TEXT NOT NULL,
    language TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    duplicate_group TEXT,
    duplicate_kind TEXT,
    source TEXT,
    url TEXT,
    published_at TEXT,
    storyline_id TEXT,
    annotations TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    sentence INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    trigger_text TEXT NOT NULL,
    lemma TEXT NOT NULL,
    event_type TEXT NOT NULL,
    confidence REAL NOT NULL,
    when_value TEXT,
    cluster_id TEXT NOT NULL,
    storyline_id TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_document ON events(document_id);
CREATE INDEX IF NOT EXISTS events_by_cluster ON events(cluster_id);
CREATE INDEX IF NOT EXISTS events_by_type ON events(event_type);
CREATE TABLE IF NOT EXISTS event_links (
    event_a TEXT NOT NULL,
    event_b TEXT NOT NULL,
    score REAL NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (event_a, event_b)
);
CREATE TABLE IF NOT EXISTS storylines (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    start_date TEXT,
    end_date TEXT,
    document_ids TEXT NOT NULL,
    event_ids TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rejected (
    file TEXT NOT NULL,
    line INTEGER NOT NULL,
    stage TEXT NOT NULL,
    code TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (file, line)
);
