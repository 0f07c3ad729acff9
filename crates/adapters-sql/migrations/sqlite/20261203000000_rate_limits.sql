-- Rate-limit counts; the same table as PostgreSQL, in the encodings of 20260101000000_initial.sql.
CREATE TABLE IF NOT EXISTS rate_limit (
    key       TEXT    NOT NULL PRIMARY KEY CHECK (length(key) <= 400),
    hits      INTEGER NOT NULL,
    resets_at TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_rate_limit_resets_at ON rate_limit (resets_at);
