CREATE TABLE reviews (id integer PRIMARY KEY, body text NOT NULL);
INSERT INTO reviews (id, body) VALUES (1, 'written before the failure');
ALTER TABLE authors ADD COLUMN rating integer;
SELECT no_such_column FROM reviews;
