-- Sessions (one per login) and the revocation of a user's session-less tokens; the same tables
-- as PostgreSQL, in the encodings of 20260101000000_initial.sql.
CREATE TABLE IF NOT EXISTS session (
    id           TEXT NOT NULL PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES "user" (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (length(kind) <= 32),
    created_at   TEXT NOT NULL,
    last_used_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    revoked_at   TEXT,
    ip           TEXT CHECK (ip IS NULL OR length(ip) <= 64),
    user_agent   TEXT CHECK (user_agent IS NULL OR length(user_agent) <= 512),
    refresh_hash TEXT CHECK (refresh_hash IS NULL OR length(refresh_hash) <= 128)
);
CREATE INDEX IF NOT EXISTS ix_session_user_id_created_at ON session (user_id, created_at);
CREATE INDEX IF NOT EXISTS ix_session_expires_at ON session (expires_at);

CREATE TABLE IF NOT EXISTS sessionless_token_revocation (
    user_id    TEXT NOT NULL PRIMARY KEY REFERENCES "user" (id) ON DELETE CASCADE,
    revoked_at TEXT NOT NULL
);
