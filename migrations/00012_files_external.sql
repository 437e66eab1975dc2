-- +goose Up
-- Files are read in chunks (substring(data from ... for ...)), so a download
-- never holds a whole file in memory. Stored EXTERNAL (out of line, not
-- compressed), substring fetches only the TOAST chunks of the range it asks
-- for; compressed, Postgres would have to decompress the value from its
-- start. Most uploads (PDF, Office, images) are compressed already.
ALTER TABLE files ALTER COLUMN data SET STORAGE EXTERNAL;
-- The storage setting applies to values written from now on: rewrite the
-- existing ones (a new value, not the old TOAST pointer copied over).
UPDATE files SET data = data || ''::bytea;

-- +goose Down
ALTER TABLE files ALTER COLUMN data SET STORAGE EXTENDED;
