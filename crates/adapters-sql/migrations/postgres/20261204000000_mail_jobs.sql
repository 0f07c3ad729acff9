-- The mail queue: one row per transactional email, from queued to delivered or dead.
CREATE TABLE IF NOT EXISTS public.mail_job (
    id           uuid          NOT NULL,
    kind         varchar(32)   NOT NULL,
    address      varchar(320)  NOT NULL,
    state        varchar(16)   NOT NULL,
    attempts     bigint        NOT NULL,
    run_at       timestamptz   NOT NULL,
    locked_until timestamptz,
    last_error   varchar(2000),
    created_at   timestamptz   NOT NULL,
    finished_at  timestamptz,
    CONSTRAINT mail_job_pkey PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ix_mail_job_state_run_at ON public.mail_job (state, run_at);
