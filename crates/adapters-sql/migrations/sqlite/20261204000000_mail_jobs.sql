-- The mail queue; the same table as PostgreSQL, in the encodings of 20260101000000_initial.sql.
CREATE TABLE IF NOT EXISTS mail_job (
    id           TEXT    NOT NULL PRIMARY KEY,
    kind         TEXT    NOT NULL CHECK (length(kind) <= 32),
    address      TEXT    NOT NULL CHECK (length(address) <= 320),
    state        TEXT    NOT NULL CHECK (length(state) <= 16),
    attempts     INTEGER NOT NULL,
    run_at       TEXT    NOT NULL,
    locked_until TEXT,
    last_error   TEXT    CHECK (last_error IS NULL OR length(last_error) <= 2000),
    created_at   TEXT    NOT NULL,
    finished_at  TEXT
);
CREATE INDEX IF NOT EXISTS ix_mail_job_state_run_at ON mail_job (state, run_at);
