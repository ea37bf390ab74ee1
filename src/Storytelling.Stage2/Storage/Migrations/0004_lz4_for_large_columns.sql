-- The large values a document brings (its annotations JSON, often 30-60 kB, its text and each event's JSON) are
-- compressed with lz4 instead of PostgreSQL's default pglz where the server was built with lz4 (PostgreSQL 14 or later,
-- as Debian's and the official images are): storing a document's annotations cost the server 1.5-2x the CPU with pglz
-- (docs/benchmarks.md), for about the same size. Values already stored keep their compression; a server without lz4
-- keeps pglz.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE documents ALTER COLUMN annotations SET COMPRESSION lz4;
        ALTER TABLE documents ALTER COLUMN text SET COMPRESSION lz4;
        ALTER TABLE events ALTER COLUMN data SET COMPRESSION lz4;
    END IF;
END
$$;
