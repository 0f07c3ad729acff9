-- Sessions (one per login) and the revocation of a user's session-less tokens. New tables next to
-- the template's, which stay as they are.
CREATE TABLE IF NOT EXISTS public.session (
    id           uuid         NOT NULL,
    user_id      uuid         NOT NULL,
    kind         varchar(32)  NOT NULL,
    created_at   timestamptz  NOT NULL,
    last_used_at timestamptz  NOT NULL,
    expires_at   timestamptz  NOT NULL,
    revoked_at   timestamptz,
    ip           varchar(64),
    user_agent   varchar(512),
    refresh_hash varchar(128),
    CONSTRAINT session_pkey PRIMARY KEY (id),
    CONSTRAINT session_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES public."user"(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS ix_session_user_id_created_at ON public.session (user_id, created_at DESC);
CREATE INDEX IF NOT EXISTS ix_session_expires_at ON public.session (expires_at);

CREATE TABLE IF NOT EXISTS public.sessionless_token_revocation (
    user_id    uuid        NOT NULL,
    revoked_at timestamptz NOT NULL,
    CONSTRAINT sessionless_token_revocation_pkey PRIMARY KEY (user_id),
    CONSTRAINT sessionless_token_revocation_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES public."user"(id) ON DELETE CASCADE
);
