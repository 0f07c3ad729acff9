-- Two-factor authentication: one row per account that started enrolment. The TOTP secret is
-- stored encrypted; the recovery codes as digests, space-separated in one column, so that each
-- change (enable, use one, renew) is one atomic single-row UPDATE on every store.
CREATE TABLE IF NOT EXISTS public.two_factor (
    user_id        uuid         NOT NULL,
    secret         varchar(256) NOT NULL,
    created_at     timestamptz  NOT NULL,
    enabled_at     timestamptz,
    last_used_step bigint,
    recovery_codes varchar(2048) NOT NULL DEFAULT '',
    CONSTRAINT two_factor_pkey PRIMARY KEY (user_id),
    CONSTRAINT two_factor_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES public."user"(id) ON DELETE CASCADE
);
