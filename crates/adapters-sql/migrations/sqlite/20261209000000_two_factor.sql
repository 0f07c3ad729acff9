-- Two-factor authentication, as in PostgreSQL: one row per account that started enrolment,
-- the secret encrypted, the recovery codes' digests space-separated in one column.
CREATE TABLE two_factor (
    user_id        TEXT    NOT NULL PRIMARY KEY REFERENCES "user" (id) ON DELETE CASCADE,
    secret         TEXT    NOT NULL CHECK (length(secret) <= 256),
    created_at     TEXT    NOT NULL,
    enabled_at     TEXT,
    last_used_step INTEGER,
    recovery_codes TEXT    NOT NULL DEFAULT '' CHECK (length(recovery_codes) <= 2048)
);
