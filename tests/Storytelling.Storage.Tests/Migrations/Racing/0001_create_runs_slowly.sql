CREATE TABLE runs (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp());
-- Keep the first migrator busy so the second one arrives while it still holds the lock.
SELECT pg_sleep(0.5);
