-- Rate-limit counts: one row per limited key (kind of attempt + subject), its fixed window's
-- count and end. Shared by every replica; closed windows are pruned.
CREATE TABLE IF NOT EXISTS public.rate_limit (
    key       varchar(400) NOT NULL,
    hits      bigint       NOT NULL,
    resets_at timestamptz  NOT NULL,
    CONSTRAINT rate_limit_pkey PRIMARY KEY (key)
);
CREATE INDEX IF NOT EXISTS ix_rate_limit_resets_at ON public.rate_limit (resets_at);
