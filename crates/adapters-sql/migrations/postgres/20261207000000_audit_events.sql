-- The audit log. Users are named by id without a foreign key: an account's history outlives the
-- account until the retention prunes it.
CREATE TABLE IF NOT EXISTS public.audit_event (
    id         uuid         NOT NULL,
    created_at timestamptz  NOT NULL,
    kind       varchar(32)  NOT NULL,
    actor_id   uuid,
    subject_id uuid,
    ip         varchar(64),
    user_agent varchar(512),
    detail     text         NOT NULL,
    CONSTRAINT audit_event_pkey PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ix_audit_event_created_at ON public.audit_event (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ix_audit_event_subject_id ON public.audit_event (subject_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ix_audit_event_actor_id ON public.audit_event (actor_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ix_audit_event_kind ON public.audit_event (kind, created_at DESC, id DESC);
