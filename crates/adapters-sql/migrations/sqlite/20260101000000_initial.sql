-- The embedded store: the same tables as PostgreSQL (see spec config.md 9.1). UUIDs are lowercase
-- hyphenated text; created_at is fixed-width UTC text ("2026-01-01T00:00:00.000000Z"), so text
-- order is time order. The default BINARY collation keeps emails case-sensitive.
CREATE TABLE IF NOT EXISTS "user" (
    email           TEXT    NOT NULL CHECK (length(email) <= 255),
    is_active       INTEGER NOT NULL,
    is_superuser    INTEGER NOT NULL,
    full_name       TEXT    CHECK (full_name IS NULL OR length(full_name) <= 255),
    hashed_password TEXT    NOT NULL,
    id              TEXT    NOT NULL PRIMARY KEY,
    created_at      TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS ix_user_email ON "user" (email);
CREATE INDEX IF NOT EXISTS ix_user_created_at ON "user" (created_at);

CREATE TABLE IF NOT EXISTS item (
    description TEXT CHECK (description IS NULL OR length(description) <= 255),
    title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 255),
    id          TEXT NOT NULL PRIMARY KEY,
    owner_id    TEXT NOT NULL REFERENCES "user" (id) ON DELETE CASCADE,
    created_at  TEXT
);
CREATE INDEX IF NOT EXISTS ix_item_owner_created_at ON item (owner_id, created_at);
CREATE INDEX IF NOT EXISTS ix_item_created_at ON item (created_at);
