-- The audit log; the same table as PostgreSQL, in the encodings of 20260101000000_initial.sql.
CREATE TABLE IF NOT EXISTS audit_event (
    id         TEXT NOT NULL PRIMARY KEY,
    created_at TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (length(kind) <= 32),
    actor_id   TEXT,
    subject_id TEXT,
    ip         TEXT CHECK (ip IS NULL OR length(ip) <= 64),
    user_agent TEXT CHECK (user_agent IS NULL OR length(user_agent) <= 512),
    detail     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_audit_event_created_at ON audit_event (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ix_audit_event_subject_id ON audit_event (subject_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ix_audit_event_actor_id ON audit_event (actor_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ix_audit_event_kind ON audit_event (kind, created_at DESC, id DESC);
